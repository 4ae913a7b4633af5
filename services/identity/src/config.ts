/** Identity's configuration: declared once, typed, validated at boot (see DESIGN.md). */
import { isAbsolute, resolve } from 'node:path';
import { parseLimit, type Limit } from '@twopointo/cache';
import { ConfigError, REPO_ROOT, env, readConfig } from '@twopointo/server-kit';

type Env = Record<string, string | undefined>;

/** A rate limit such as "10/15m"; a bad value names the variable. */
const limit =
  (def: string) =>
  (e: Env, name: string): Limit => {
    const v = e[name]?.trim() || def;
    try {
      return parseLimit(v);
    } catch {
      throw new ConfigError(name, `must be a limit like 10/15m, got "${v}"`);
    }
  };

/** Relative paths are taken from the repository root, where `.env` and `make` live. */
const path =
  (def?: string) =>
  (e: Env, name: string): string | undefined => {
    const v = e[name]?.trim() || def;
    if (v === undefined) return undefined;
    return isAbsolute(v) ? v : resolve(REPO_ROOT, v);
  };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const identityConfigSpec = {
  HOST: env.string('127.0.0.1'),
  IDENTITY_PORT: env.port(8081),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
  /** PostgreSQL; unset → PGlite in DATA_DIR/db */
  DATABASE_URL: env.optionalUrl(),
  DATA_DIR: path('./data') as (e: Env, n: string) => string,
  /** Redis for rate limits; unset → in memory */
  REDIS_URL: env.optionalUrl(),
  /** prefix of every Redis key; must match the other services' */
  REDIS_PREFIX: env.string('tp:'),
  /** PEM signing key; unset → an ephemeral key per start (tokens die with the process) */
  IDENTITY_RSA_PRIVATE_KEY_FILE: path(),
  /** during a key rotation: the previous key (PEM, private or public), still published and accepted */
  IDENTITY_RSA_PREVIOUS_KEY_FILE: path(),
  JWT_ISSUER: env.string('twopointo-identity'),
  JWT_AUDIENCE: env.string('twopointo'),
  RATE_LIMITS: env.bool(true),
  /** wrong passwords per account (email) */
  LOGIN_RATE_LIMIT: limit('10/15m'),
  /** wrong passwords per client IP */
  LOGIN_IP_RATE_LIMIT: limit('100/15m'),
  /** wrong TOTP or recovery codes per account */
  TWOFA_RATE_LIMIT: limit('5/5m'),
  /** wrong TOTP or recovery codes per client IP */
  TWOFA_IP_RATE_LIMIT: limit('50/5m'),
  /** registrations per client IP */
  REGISTER_RATE_LIMIT: limit('20/1h'),
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
