-- A message's kind, as Discord's: 'default' (written by a user) or 'pin' (the system line
-- "Alice pinned a message", created with the pin). reference_id is the pinned message; like
-- reply_to_id it has no foreign key, so the line stays when that message is deleted.
ALTER TABLE messages ADD COLUMN type text NOT NULL DEFAULT 'default' CHECK (type IN ('default', 'pin'));
ALTER TABLE messages ADD COLUMN reference_id bigint;
