/** Edge service: the single entry point (proxy, token check, CORS, web client) and the realtime gateway. */
import type { FastifyPluginAsync } from 'fastify';
import { ownBus, ownCache, startService, type RunningService, type StartOptions } from '@twopointo/runtime';
import { openStorage, readStorageConfig, type ObjectStorage } from '@twopointo/storage';
import { buildEdgeApp, type EdgeApp, type EdgeDeps, type EdgeStorageRouteOptions } from './app.ts';
import { readEdgeConfig, type EdgeConfig } from './config.ts';

export { buildEdgeApp, type EdgeApp, type EdgeDeps, type EdgeStorageRouteOptions } from './app.ts';
export { readEdgeConfig, edgeConfigSpec, type EdgeConfig } from './config.ts';
export { Gateway, type GatewayStats } from './gateway/gateway.ts';
export { JwtVerifier, type VerifiedToken } from './auth/jwt-verifier.ts';
export { storageRoutes } from './storage/storage.routes.ts';
export type { InProcessService } from './proxy/in-process.ts';

export interface StartEdgeOptions extends Omit<StartOptions<EdgeConfig>, 'database'> {
  /** undefined → opened from the environment (S3_* or local disk, whose URLs the Edge serves); null → none */
  storage?: ObjectStorage | null;
  storageRoutes?: FastifyPluginAsync<EdgeStorageRouteOptions>;
  /** services in this process whose routes the Edge serves itself (see EdgeDeps.inProcess) */
  inProcess?: EdgeDeps['inProcess'];
}

export type RunningEdge = RunningService<EdgeApp>;

/** Opens what it was not given (bus from NATS_URL, cache from REDIS_URL), listens on HOST:EDGE_PORT. */
export async function startEdge(options: StartEdgeOptions = {}): Promise<RunningEdge> {
  const config = options.config ?? readEdgeConfig(options.overrides);
  return startService({
    host: config.HOST,
    port: config.EDGE_PORT,
    // a connection storm overflows Node's default backlog (511) into resets
    backlog: config.LISTEN_BACKLOG,
    build: async (owned) =>
      buildEdgeApp({
        config,
        bus: options.bus ?? (await ownBus(config, 'twopointo-edge', owned, options.logger)),
        cache: options.cache ?? (await ownCache(config, owned, options.logger)),
        storage:
          options.storage === undefined
            ? openStorage(readStorageConfig({ INTERNAL_SECRET: config.INTERNAL_SECRET }))
            : (options.storage ?? undefined),
        storageRoutes: options.storageRoutes,
        logger: options.logger,
        inProcess: options.inProcess,
      }),
  });
}
