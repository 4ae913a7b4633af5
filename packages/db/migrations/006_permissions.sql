-- New permission bits (voice, moderation, nicknames). Servers created before them get the
-- ones a new server's @everyone role starts with: CONNECT (17), SPEAK (18), STREAM (22) and
-- CHANGE_NICKNAME (23). The @everyone role has the server's own id.
UPDATE roles SET permissions = permissions | 12976128 WHERE id = server_id;
