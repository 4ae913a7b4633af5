-- Closing a DM (as Discord's "Close DM"): it leaves the closer's Home list, nothing else. The
-- recipient row stays (history, read state and membership are kept); `closed_through` is the
-- DM's `last_activity_id` at the moment it was closed. The DM is listed again as soon as newer
-- activity arrives (a message moves last_activity_id past it) or the closer opens it again
-- (POST /me/channels clears it). Null: open.
ALTER TABLE channel_recipients ADD COLUMN closed_through bigint;
