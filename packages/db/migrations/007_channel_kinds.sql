-- Channel kinds: text (the default, every channel before this), voice, and category (a heading
-- that groups channels). The check has a name so a later kind can replace it.
ALTER TABLE channels ADD COLUMN type text NOT NULL DEFAULT 'text'
  CONSTRAINT channels_type_check CHECK (type IN ('text', 'voice', 'category'));
-- The category a channel sits under (null: at the top); deleting the category lifts its channels.
ALTER TABLE channels ADD COLUMN parent_id bigint REFERENCES channels (id) ON DELETE SET NULL;
-- Voice only: how many may be in at once (0: no limit), and the audio bitrate in bit/s.
ALTER TABLE channels ADD COLUMN user_limit integer;
ALTER TABLE channels ADD COLUMN bitrate integer;
