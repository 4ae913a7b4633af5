-- Direct messages: 1:1 DMs and group DMs are channels without a server, reached through their
-- recipients. Their messages live in `messages` like any other, so history, edits, replies,
-- attachments, reactions, pins, read states and mentions work on them unchanged.

-- A DM belongs to no server: server_id is null exactly for the DM kinds (checked below).
ALTER TABLE channels ALTER COLUMN server_id DROP NOT NULL;
ALTER TABLE messages ALTER COLUMN server_id DROP NOT NULL;

-- 007 made `type` one of text/voice/category; DMs add two more.
ALTER TABLE channels DROP CONSTRAINT IF EXISTS channels_type_check;
ALTER TABLE channels
  ADD CONSTRAINT channels_type_check CHECK (type IN ('text', 'voice', 'category', 'dm', 'group_dm'));
ALTER TABLE channels
  ADD CONSTRAINT channels_dm_server_check CHECK ((type IN ('dm', 'group_dm')) = (server_id IS NULL));

-- A group DM's owner (its creator; may remove others) and a 1:1 DM's pair, lower id first: the
-- unique index makes two concurrent "open a DM with X" requests end in one channel.
ALTER TABLE channels
  ADD COLUMN owner_id   bigint REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN dm_user_lo bigint,
  ADD COLUMN dm_user_hi bigint;
CREATE UNIQUE INDEX channels_dm_pair_idx ON channels (dm_user_lo, dm_user_hi) WHERE type = 'dm';

-- Who is in a DM. `last_activity_id` is the channel's newest message, or its id before any (or the
-- moment the recipient joined, for a group DM): kept at post, so "my DMs by latest activity" is
-- one index range scan, newest first.
CREATE TABLE channel_recipients (
  channel_id       bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_activity_id bigint NOT NULL,
  added_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX channel_recipients_activity_idx ON channel_recipients (user_id, last_activity_id DESC);
