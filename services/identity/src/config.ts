/** Identity's configuration: declared once, typed, validated at boot (see DESIGN.md). */
import { env, readConfig } from '@twopointo/server-kit';
import { cacheConfig, databaseConfig, optionalRepoPath, processConfig, rateLimit } from '@twopointo/runtime';

type Env = Record<string, string | undefined>;

export const identityConfigSpec = {
  ...processConfig,
  IDENTITY_PORT: env.port(8081),
  ...databaseConfig,
  /** Redis for rate limits; unset → in memory */
  ...cacheConfig,
  /** PEM signing key; unset → an ephemeral key per start (tokens die with the process) */
  IDENTITY_RSA_PRIVATE_KEY_FILE: optionalRepoPath(),
  /** during a key rotation: the previous key (PEM, private or public), still published and accepted */
  IDENTITY_RSA_PREVIOUS_KEY_FILE: optionalRepoPath(),
  JWT_ISSUER: env.string('twopointo-identity'),
  JWT_AUDIENCE: env.string('twopointo'),
  /** wrong passwords per account (email) */
  LOGIN_RATE_LIMIT: rateLimit('10/15m'),
  /** wrong passwords per client IP */
  LOGIN_IP_RATE_LIMIT: rateLimit('100/15m'),
  /** wrong TOTP or recovery codes per account */
  TWOFA_RATE_LIMIT: rateLimit('5/5m'),
  /** wrong TOTP or recovery codes per client IP */
  TWOFA_IP_RATE_LIMIT: rateLimit('50/5m'),
  /** registrations per client IP */
  REGISTER_RATE_LIMIT: rateLimit('20/1h'),
};

export type IdentityConfig = {
  [K in keyof typeof identityConfigSpec]: ReturnType<(typeof identityConfigSpec)[K]>;
};

/** Reads Identity's config from the environment (and `.env`); overrides win (tests, all-in-one). */
export function readIdentityConfig(
  overrides: Partial<Record<keyof IdentityConfig, string>> = {},
  source: Env = process.env,
): IdentityConfig {
  return readConfig(identityConfigSpec, overrides, source);
}
