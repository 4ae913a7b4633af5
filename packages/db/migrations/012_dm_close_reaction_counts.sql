-- Closing a DM (as Discord's "Close DM"): it leaves the closer's Home list, nothing else. The
-- recipient row stays (history, read state and membership are kept); `closed_through` is the
-- DM's `last_activity_id` at the moment it was closed. The DM is listed again as soon as newer
-- activity arrives (a message moves last_activity_id past it) or the closer opens it again
-- (POST /me/channels clears it). Null: open.
ALTER TABLE channel_recipients ADD COLUMN closed_through bigint;

-- A message's reactions counted once, when they change, instead of at every read of a page:
-- [[emoji, count], ...] in the order each emoji was first used (null: none). The history page
-- reads this column and only the viewer's own emoji (`me`), a probe of the primary key, so a
-- page with reactions on every message costs about what one without does.
--
-- Kept by a trigger so that every way a reaction row goes is counted: the API's add and remove,
-- and the cascades of a deleted account or message. Concurrent changes to one message's
-- reactions queue on the message row (FOR NO KEY UPDATE: it does not conflict with the key-share
-- locks the reactions' foreign key takes), and the count that follows is a new statement, so it
-- sees every change committed before it: none is lost.
ALTER TABLE messages ADD COLUMN reaction_counts jsonb;

CREATE FUNCTION message_reaction_counts_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mid bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    mid := OLD.message_id;
  ELSE
    mid := NEW.message_id;
  END IF;
  PERFORM 1 FROM messages WHERE id = mid FOR NO KEY UPDATE;
  UPDATE messages SET reaction_counts = (
    SELECT jsonb_agg(jsonb_build_array(g.emoji, g.n) ORDER BY g.first, g.emoji)
    FROM (
      SELECT emoji, count(*) AS n, min(created_at) AS first
      FROM message_reactions WHERE message_id = mid GROUP BY emoji
    ) g
  ) WHERE id = mid;
  RETURN NULL;
END $$;

CREATE TRIGGER message_reactions_counts
  AFTER INSERT OR DELETE ON message_reactions
  FOR EACH ROW EXECUTE FUNCTION message_reaction_counts_refresh();

UPDATE messages m SET reaction_counts = (
  SELECT jsonb_agg(jsonb_build_array(g.emoji, g.n) ORDER BY g.first, g.emoji)
  FROM (
    SELECT emoji, count(*) AS n, min(created_at) AS first
    FROM message_reactions WHERE message_id = m.id GROUP BY emoji
  ) g
) WHERE EXISTS (SELECT 1 FROM message_reactions r WHERE r.message_id = m.id);
