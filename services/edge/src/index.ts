/** Edge service: the single entry point (proxy, token check, CORS, web client) and the realtime gateway. */
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { openBus, type EventBus } from '@twopointo/bus';
import { openCache, type Cache } from '@twopointo/cache';
import { ResourceStack } from '@twopointo/server-kit';
import { openStorage, readStorageConfig, type ObjectStorage } from '@twopointo/storage';
import { buildEdgeApp, type EdgeStorageRouteOptions } from './app.ts';
import { readEdgeConfig, type EdgeConfig } from './config.ts';
import type { JwtVerifier } from './auth/jwt-verifier.ts';
import type { Gateway } from './gateway/gateway.ts';

export { buildEdgeApp, type EdgeApp, type EdgeDeps, type EdgeStorageRouteOptions } from './app.ts';
export { readEdgeConfig, edgeConfigSpec, type EdgeConfig } from './config.ts';
export { Gateway, type GatewayStats } from './gateway/gateway.ts';
export { JwtVerifier, type VerifiedToken } from './auth/jwt-verifier.ts';
export { storageRoutes } from './storage/storage.routes.ts';

export interface StartEdgeOptions {
  /** a full config; otherwise read from the environment with `overrides` */
  config?: EdgeConfig;
  overrides?: Partial<Record<keyof EdgeConfig, string>>;
  /** shared backends (all-in-one); whatever is missing is opened here and closed with the Edge */
  bus?: EventBus;
  cache?: Cache;
  /** undefined → opened from the environment (S3_* or local disk, whose URLs the Edge serves); null → none */
  storage?: ObjectStorage | null;
  storageRoutes?: FastifyPluginAsync<EdgeStorageRouteOptions>;
  logger?: FastifyBaseLogger;
}

export interface RunningEdge {
  app: FastifyInstance;
  gateway: Gateway;
  verifier: JwtVerifier;
  /** http://host:port actually bound (port 0 picks a free one) */
  url: string;
  close(): Promise<void>;
}

/** Opens what it was not given (bus from NATS_URL, cache from REDIS_URL), listens on HOST:EDGE_PORT. */
export async function startEdge(options: StartEdgeOptions = {}): Promise<RunningEdge> {
  const config = options.config ?? readEdgeConfig(options.overrides);
  const owned = new ResourceStack();
  let app: FastifyInstance | undefined;
  try {
    const bus =
      options.bus ??
      owned.adopt(
        await openBus({
          natsUrl: config.NATS_URL,
          stream: config.NATS_STREAM,
          prefix: config.NATS_SUBJECT_PREFIX,
          name: 'twopointo-edge',
        }),
      );
    const cache =
      options.cache ??
      owned.adopt(await openCache({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }));
    const storage =
      options.storage === undefined
        ? openStorage(readStorageConfig({ INTERNAL_SECRET: config.INTERNAL_SECRET }))
        : (options.storage ?? undefined);
    const built = await buildEdgeApp({
      config,
      bus,
      cache,
      storage,
      storageRoutes: options.storageRoutes,
      logger: options.logger,
    });
    app = built.app;
    // a connection storm overflows Node's default backlog (511) into resets
    await app.listen({ host: config.HOST, port: config.EDGE_PORT, backlog: config.LISTEN_BACKLOG });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.EDGE_PORT;
    const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
    const running = app;
    return {
      app: running,
      gateway: built.gateway,
      verifier: built.verifier,
      url: `http://${host}:${port}`,
      close: async () => {
        await running.close();
        await owned.close();
      },
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await owned.close();
    throw err;
  }
}
