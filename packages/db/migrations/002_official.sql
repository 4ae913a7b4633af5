-- Official: servers, members, roles, channels, overwrites, messages, invites, assets, outbox.
CREATE TABLE servers (
  id         bigint PRIMARY KEY,
  name       text NOT NULL,
  owner_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX servers_owner_idx ON servers (owner_id);

CREATE TABLE members (
  server_id bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, user_id)
);
CREATE INDEX members_user_idx ON members (user_id);

-- The @everyone role has the server's own id.
CREATE TABLE roles (
  id          bigint PRIMARY KEY,
  server_id   bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  name        text NOT NULL,
  permissions bigint NOT NULL DEFAULT 0,
  position    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roles_server_idx ON roles (server_id);

CREATE TABLE member_roles (
  server_id bigint NOT NULL,
  user_id   bigint NOT NULL,
  role_id   bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  PRIMARY KEY (server_id, user_id, role_id),
  FOREIGN KEY (server_id, user_id) REFERENCES members (server_id, user_id) ON DELETE CASCADE
);
CREATE INDEX member_roles_role_idx ON member_roles (role_id);

CREATE TABLE channels (
  id         bigint PRIMARY KEY,
  server_id  bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  name       text NOT NULL,
  topic      text,
  position   integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_server_idx ON channels (server_id, position);

CREATE TABLE channel_overwrites (
  channel_id bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  target_id  bigint NOT NULL,
  type       text NOT NULL CHECK (type IN ('role', 'member')),
  allow      bigint NOT NULL DEFAULT 0,
  deny       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (channel_id, target_id)
);

CREATE TABLE messages (
  id          bigint PRIMARY KEY,
  channel_id  bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  server_id   bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  author_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  content     text NOT NULL,
  reply_to_id bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  edited_at   timestamptz
);
-- History is read by channel, newest first, paged by id.
CREATE INDEX messages_channel_id_idx ON messages (channel_id, id);
CREATE INDEX messages_author_idx ON messages (author_id);

CREATE TABLE invites (
  code       text PRIMARY KEY,
  server_id  bigint NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  inviter_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  max_uses   integer,
  uses       integer NOT NULL DEFAULT 0,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invites_server_idx ON invites (server_id);

CREATE TABLE assets (
  id           bigint PRIMARY KEY,
  owner_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  filename     text NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL,
  storage_key  text NOT NULL UNIQUE,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX assets_owner_idx ON assets (owner_id);
CREATE INDEX assets_pending_idx ON assets (created_at) WHERE status = 'pending';

CREATE TABLE message_attachments (
  message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  asset_id   bigint NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  position   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (message_id, asset_id)
);
CREATE INDEX message_attachments_asset_idx ON message_attachments (asset_id);

-- Transactional outbox: a write and its event commit together; the relay publishes and marks.
CREATE TABLE outbox (
  seq          bigserial PRIMARY KEY,
  event_id     bigint NOT NULL UNIQUE,
  payload      text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL;
