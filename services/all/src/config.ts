/** What the all-in-one process reads itself; each service still validates its own config. */
import { env, readConfig } from '@twopointo/server-kit';

export const allConfigSpec = {
  HOST: env.string('127.0.0.1'),
  IDENTITY_PORT: env.port(8081),
  OFFICIAL_PORT: env.port(8080),
  EDGE_PORT: env.port(60420),
  DATA_DIR: env.string('./data'),
  DATABASE_URL: env.optionalUrl(),
  NATS_URL: env.optionalUrl(),
  /** JetStream stream and subject prefix (several deployments may share one NATS) */
  NATS_STREAM: env.string('TP_EVENTS'),
  NATS_SUBJECT_PREFIX: env.string('tp'),
  REDIS_URL: env.optionalUrl(),
  /** prefix of every Redis key */
  REDIS_PREFIX: env.string('tp:'),
  /** Edge → Official trust; generated per start when unset (one process holds both ends) */
  INTERNAL_SECRET: env.optional(),
  /** loopback port where the embedded PGlite is served to local tools (0 = off) */
  DEV_DB_SOCKET_PORT: env.port(54329),
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
};

export type AllConfig = ReturnType<typeof readAllConfig>;

export function readAllConfig(overrides: Record<string, string> = {}) {
  return readConfig(allConfigSpec, overrides);
}
