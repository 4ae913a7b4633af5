-- Running a community: server icons, role colours and display flags, nicknames and timeouts,
-- bans, and the audit log of moderation and settings changes.

-- an image asset uploaded by whoever set it, marked public so invite previews can show it
ALTER TABLE servers ADD COLUMN icon_asset_id bigint REFERENCES assets (id) ON DELETE SET NULL;

-- colour as 0xRRGGBB (0: none); hoist: listed apart in the member list; mentionable: anyone may @mention it
ALTER TABLE roles ADD COLUMN color integer NOT NULL DEFAULT 0
  CONSTRAINT roles_color_check CHECK (color BETWEEN 0 AND 16777215);
ALTER TABLE roles ADD COLUMN hoist boolean NOT NULL DEFAULT false;
ALTER TABLE roles ADD COLUMN mentionable boolean NOT NULL DEFAULT false;

-- a server-specific name, and the end of a timeout (the member may only read until then)
ALTER TABLE members ADD COLUMN nick text;
ALTER TABLE members ADD COLUMN communication_disabled_until timestamptz;

-- a banned user cannot join through any invite until unbanned; the moderator may be deleted later
CREATE TABLE bans (
  server_id    bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason       text,
  moderator_id bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, user_id)
);

-- one row per moderation or settings change, written in the change's own transaction. Actor and
-- target are kept as plain ids (no foreign key): the history outlives deleted accounts and roles.
CREATE TABLE audit_log (
  id         bigint PRIMARY KEY,
  server_id  bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  action     text NOT NULL,
  actor_id   bigint NOT NULL,
  target_id  bigint,
  reason     text,
  -- JSON array of {key, old, new}
  changes    text NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
-- read newest first (ids are time-ordered), optionally by action or by actor
CREATE INDEX audit_log_server_idx ON audit_log (server_id, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (server_id, action, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (server_id, actor_id, id DESC);
