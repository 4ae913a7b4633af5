-- Identity: partial tokens (the 5-minute JWT between password and second factor) are single-use.
-- A token's jti is recorded in the transaction that starts its session, so a second use is refused
-- on every instance. In the database rather than the cache: spending the token commits or rolls back
-- together with the code and the session (the cache may be per process, and cannot roll back).
-- Rows are worthless once the token has expired and are purged as new ones come.
CREATE TABLE spent_partial_tokens (
  jti        text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX spent_partial_tokens_expires_idx ON spent_partial_tokens (expires_at);
