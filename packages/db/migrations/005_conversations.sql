-- Conversations: reactions, pins, blocks.

-- One row per (message, emoji, user): the primary key makes a reaction count once per user and
-- emoji, however many PUTs race. Its column order serves both reads: a page's aggregate (by
-- message) and "who reacted with this emoji" (by message and emoji, paged by user id).
-- `emoji` is a Unicode emoji sequence (at most 32 bytes, checked by Official).
CREATE TABLE message_reactions (
  message_id bigint      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  emoji      text        NOT NULL,
  user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, emoji, user_id)
);
-- account removal deletes by user
CREATE INDEX message_reactions_user_idx ON message_reactions (user_id);

-- A pin is a mark on the message (it goes with it); null when not pinned. Nullable without a
-- default: adding the column rewrites nothing. The partial index lists and counts a channel's pins.
ALTER TABLE messages ADD COLUMN pinned_at timestamptz;
CREATE INDEX messages_pinned_idx ON messages (channel_id, pinned_at DESC, id DESC) WHERE pinned_at IS NOT NULL;

-- user_id blocks blocked_id (one way; the blocked user is not told).
CREATE TABLE user_blocks (
  user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  blocked_id bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, blocked_id),
  CHECK (user_id <> blocked_id)
);
CREATE INDEX user_blocks_blocked_idx ON user_blocks (blocked_id);
