/**
 * The infrastructure settings every service reads, declared once. A service spreads the parts it
 * uses into its own spec, so two services can never disagree on a name or a default.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseLimit, type Limit } from '@twopointo/cache';
import { ConfigError, REPO_ROOT, env } from '@twopointo/server-kit';

type Env = Record<string, string | undefined>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A path setting; relative paths are taken from the repository root, where `.env` and `make` live. */
export const repoPath =
  (def: string) =>
  (e: Env, name: string): string => {
    const v = e[name]?.trim() || def;
    return isAbsolute(v) ? v : resolve(REPO_ROOT, v);
  };

/** An optional path setting, resolved like repoPath. */
export const optionalRepoPath =
  () =>
  (e: Env, name: string): string | undefined => {
    const v = e[name]?.trim();
    if (!v) return undefined;
    return isAbsolute(v) ? v : resolve(REPO_ROOT, v);
  };

/** A rate limit such as "10/15m"; a bad value names the variable. */
export const rateLimit =
  (def: string) =>
  (e: Env, name: string): Limit => {
    const v = e[name]?.trim() || def;
    try {
      return parseLimit(v);
    } catch {
      throw new ConfigError(name, `must be a limit like 10/15m, got "${v}"`);
    }
  };

/** Every process: where it listens and how much it logs. */
export const processConfig = {
  HOST: env.string('127.0.0.1'),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
  /** off disables every rate limit (benchmarks) */
  RATE_LIMITS: env.bool(true),
};

/** PostgreSQL at DATABASE_URL, or PGlite in DATA_DIR/db. */
export const databaseConfig = {
  DATABASE_URL: env.optionalUrl(),
  /** everything the embedded default keeps */
  DATA_DIR: repoPath('./data'),
};

/** NATS JetStream at NATS_URL, or the in-process bus. */
export const busConfig = {
  NATS_URL: env.optionalUrl(),
  /** JetStream stream and subject prefix (several deployments may share one NATS) */
  NATS_STREAM: env.string('TP_EVENTS'),
  NATS_SUBJECT_PREFIX: env.string('tp'),
};

/** Redis at REDIS_URL, or an in-memory cache. */
export const cacheConfig = {
  REDIS_URL: env.optionalUrl(),
  /** prefix of every Redis key (sessions, presence, rate limits) */
  REDIS_PREFIX: env.string('tp:'),
};

/** All of the above: what a service that uses every backend spreads into its spec. */
export const infraConfig = { ...processConfig, ...databaseConfig, ...busConfig, ...cacheConfig };

type Values<S> = { [K in keyof S]: S[K] extends (e: Env, n: string) => infer T ? T : never };
export type DatabaseSettings = Values<typeof databaseConfig>;
export type BusSettings = Values<typeof busConfig>;
export type CacheSettings = Values<typeof cacheConfig>;
