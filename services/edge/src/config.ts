/** The Edge's configuration: declared once, typed, validated at boot (see DESIGN.md). */
import { env, readConfig } from '@twopointo/server-kit';
import { janusConfig } from '@twopointo/janus';
import { busConfig, cacheConfig, processConfig, repoPath } from '@twopointo/runtime';

type Env = Record<string, string | undefined>;

export const edgeConfigSpec = {
  ...processConfig,
  ...busConfig,
  ...cacheConfig,
  EDGE_PORT: env.port(60420),
  /** pending-connection queue of the listening socket: Node's default 511 overflows (ECONNRESET) when thousands of sockets connect at once; the kernel caps it at net.core.somaxconn */
  LISTEN_BACKLOG: env.int(4096, 1, 65535),
  IDENTITY_URL: env.url('http://localhost:8081'),
  OFFICIAL_URL: env.url('http://localhost:8080'),
  /** Edge → Official trust; required when the Edge runs on its own */
  INTERNAL_SECRET: env.string(),
  JWT_ISSUER: env.string('twopointo-identity'),
  JWT_AUDIENCE: env.string('twopointo'),
  DEV_ALLOWED_ORIGINS: env.list(['http://localhost:5173']),
  /** largest request body in bytes */
  BODY_LIMIT: env.int(1024 * 1024, 1, 1024 * 1024 * 1024),
  /** the built web client */
  WEB_DIST: repoPath('apps/web/dist'),
  /** serve the web client's source maps (*.map); off in production */
  WEB_SOURCEMAPS: env.bool(false),
  /** the origin browsers use (https://chat.example.org): fixes the CSP's WebSocket origin; https turns HSTS on */
  PUBLIC_URL: env.optionalUrl(),
  /** when set, GET /metrics needs `Authorization: Bearer <token>` */
  METRICS_TOKEN: env.optional(),
  /** client frames per socket per minute before close 4008 */
  WS_MAX_FRAMES_PER_MIN: env.int(120, 1),
  /** open sockets per user on one Edge before close 4005 */
  WS_MAX_SOCKETS_PER_USER: env.int(10, 1),
  /** bytes queued to a socket before it is dropped as a slow consumer (4010) */
  WS_MAX_BUFFERED_BYTES: env.int(1024 * 1024, 1024),
  /** seconds a gateway session stays resumable */
  WS_SESSION_TTL: env.int(300, 1),
  /** seconds an Edge's presence lease lasts unrenewed; then another Edge takes its counts back */
  PRESENCE_LEASE_S: env.int(30, 1),
  /** ms a server's or user's bus feed keeps running after its last socket here went (reconnects find it running) */
  GATEWAY_FEED_LINGER_MS: env.int(10_000, 0),
  /** ms between client heartbeats; 1.5 intervals without one → close 4009 */
  HEARTBEAT_INTERVAL: env.int(30_000, 50),
  /** Janus servers behind `/voice` and the secret their tokens are signed with (same as Official's) */
  ...janusConfig,
};

export type EdgeConfig = { [K in keyof typeof edgeConfigSpec]: ReturnType<(typeof edgeConfigSpec)[K]> };

/** Reads the Edge's config from the environment (and `.env`); overrides win (tests, all-in-one). */
export function readEdgeConfig(
  overrides: Partial<Record<keyof EdgeConfig, string>> = {},
  source: Env = process.env,
): EdgeConfig {
  return readConfig(edgeConfigSpec, overrides, source) as EdgeConfig;
}
