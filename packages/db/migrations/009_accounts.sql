-- Accounts: profile fields, public (avatar) assets and their resized variants, the user agent of
-- a session, and single-use password reset tokens.
ALTER TABLE users ADD COLUMN display_name text;
ALTER TABLE users ADD COLUMN about text;
ALTER TABLE users ADD COLUMN avatar_asset_id bigint REFERENCES assets (id) ON DELETE SET NULL;

-- a public asset is served without a token by GET /api/images/:aid/:size (avatars, server icons)
ALTER TABLE assets ADD COLUMN public boolean NOT NULL DEFAULT false;

-- one row per resized copy of a public image, made on first request
CREATE TABLE image_variants (
  asset_id    bigint NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  size        integer NOT NULL,
  storage_key text NOT NULL UNIQUE,
  bytes       integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (asset_id, size)
);

-- the client that signed in, kept on every token of the session (family)
ALTER TABLE refresh_tokens ADD COLUMN user_agent text;

CREATE TABLE password_resets (
  id         bigint PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
