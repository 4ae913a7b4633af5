/** Official's configuration, declared once and validated at boot. */
import { parseLimit, type Limit } from '@twopointo/cache';
import { ConfigError, env, readConfig } from '@twopointo/server-kit';

const limit =
  (def: string) =>
  (e: Record<string, string | undefined>, n: string): Limit => {
    const v = e[n]?.trim() || def;
    try {
      return parseLimit(v);
    } catch {
      throw new ConfigError(n, `must look like 10/10s, got "${v}"`);
    }
  };

export const officialConfigSpec = {
  HOST: env.string('127.0.0.1'),
  OFFICIAL_PORT: env.port(8080),
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  DATABASE_URL: env.optionalUrl(),
  DATA_DIR: env.string('./data'),
  NATS_URL: env.optionalUrl(),
  /** JetStream stream and subject prefix; must match the Edge's */
  NATS_STREAM: env.string('TP_EVENTS'),
  NATS_SUBJECT_PREFIX: env.string('tp'),
  REDIS_URL: env.optionalUrl(),
  /** prefix of every Redis key; must match the other services' */
  REDIS_PREFIX: env.string('tp:'),
  /** shared with the Edge; the all-in-one process passes a generated one as an override */
  INTERNAL_SECRET: env.string(),
  RATE_LIMITS: env.bool(true),
  /**
   * Cross-request cache of permission inputs and newest history pages. auto: on with the
   * in-process bus (one Official sees every change at once), off with NATS (other instances' writes
   * would be seen only when their events arrive).
   */
  READ_CACHE: env.oneOf(['auto', 'on', 'off'] as const, 'auto'),
  /** messages per user per channel */
  MESSAGE_RATE_LIMIT: limit('10/10s'),
  /** typing notifications per user per channel */
  TYPING_RATE_LIMIT: limit('5/5s'),
};

export type OfficialConfig = ReturnType<typeof readOfficialConfig>;

/** Reads the config from the environment; `overrides` win (tests, the all-in-one process). */
export function readOfficialConfig(overrides: Partial<Record<keyof typeof officialConfigSpec, string>> = {}) {
  return readConfig(officialConfigSpec, overrides);
}
