/** What the all-in-one process reads itself; each service still validates its own config. */
import { env, readConfig } from '@twopointo/server-kit';
import { embeddedJanusConfig, janusUrls } from '@twopointo/janus';
import { infraConfig } from '@twopointo/runtime';

export const allConfigSpec = {
  ...infraConfig,
  IDENTITY_PORT: env.port(8081),
  OFFICIAL_PORT: env.port(8080),
  EDGE_PORT: env.port(60420),
  /** Edge → Official trust; generated per start when unset (one process holds both ends) */
  INTERNAL_SECRET: env.optional(),
  /** loopback port where the embedded PGlite is served to local tools (0 = off) */
  DEV_DB_SOCKET_PORT: env.port(54329),
  /** set: use these Janus servers (with JANUS_TOKEN_SECRET) instead of an embedded one */
  JANUS_URLS: janusUrls,
  ...embeddedJanusConfig,
};

export type AllConfig = ReturnType<typeof readAllConfig>;

export function readAllConfig(overrides: Record<string, string> = {}) {
  return readConfig(allConfigSpec, overrides);
}
