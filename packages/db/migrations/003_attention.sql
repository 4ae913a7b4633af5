-- Attention: read states, mentions, each channel's newest message, full-text search.

-- Unread is channels.last_message_id > read_states.last_read_id: no message is counted or scanned.
ALTER TABLE channels ADD COLUMN last_message_id bigint;
UPDATE channels c SET last_message_id = (SELECT max(m.id) FROM messages m WHERE m.channel_id = c.id);

-- What the server resolved at post and edit: explicit <@user> mentions, <@&role> mentions, and
-- @everyone/@here (only by authors with MENTION_EVERYONE). `search` is the full-text index input.
ALTER TABLE messages
  ADD COLUMN mentions         bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN mention_roles    bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN mention_everyone boolean  NOT NULL DEFAULT false,
  ADD COLUMN search           tsvector GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED;
CREATE INDEX messages_search_idx ON messages USING gin (search);

-- A user's read marker per channel and the mentions of them after it (kept exact: incremented at
-- post, recounted from message_mentions at ack, edit and delete).
CREATE TABLE read_states (
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  channel_id    bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  last_read_id  bigint,
  mention_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, channel_id)
);
CREATE INDEX read_states_channel_idx ON read_states (channel_id);

-- Every user a message notifies (user mentions, members of mentioned roles, everyone who can view
-- the channel for @everyone/@here; never the author): a recount reads one user's rows in one
-- channel after the marker, from the index, never the messages.
CREATE TABLE message_mentions (
  message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  channel_id bigint NOT NULL,
  PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_mentions_user_idx ON message_mentions (user_id, channel_id, message_id);
