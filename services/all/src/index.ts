/** Starts Identity, Official and the Edge in one process on shared backends (`make dev`). */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import { serveDatabaseSocket, type Database } from '@twopointo/db';
import { readEdgeConfig, startEdge, storageRoutes, type RunningEdge } from '@twopointo/edge';
import { startEmbeddedJanus } from '@twopointo/janus';
import { readIdentityConfig, startIdentity, type RunningIdentity } from '@twopointo/identity';
import { readOfficialConfig, startOfficial, type RunningOfficial } from '@twopointo/official';
import { ownBus, ownCache, ownDatabase } from '@twopointo/runtime';
import { loggerOptions, ResourceStack } from '@twopointo/server-kit';
import { openStorage, readStorageConfig, type ObjectStorage } from '@twopointo/storage';
import { readAllConfig } from './config.ts';

export interface StartAllOptions {
  /** overrides DATA_DIR */
  dataDir?: string;
  /** listen ports; 0 picks a free one (tests, benchmarks) */
  ports?: { identity?: number; official?: number; edge?: number };
  /** config overrides, as environment variable names → values (win over the environment) */
  env?: Record<string, string>;
  /** log only warnings and errors */
  quiet?: boolean;
  /** where the log goes instead of stdout (tests read the logged password reset link from it) */
  logDestination?: NodeJS.WritableStream;
  /**
   * false: the Edge proxies /id and /api to Identity's and Official's ports over loopback HTTP, as
   * with separate processes (tests and benchmarks comparing the two); default: served in process
   */
  inProcess?: boolean;
}

export interface RunningSystem {
  edgeUrl: string;
  identityUrl: string;
  officialUrl: string;
  edge: RunningEdge;
  official: RunningOfficial;
  identity: RunningIdentity;
  database: Database;
  bus: EventBus;
  cache: Cache;
  storage: ObjectStorage;
  close(): Promise<void>;
}

export async function startAll(options: StartAllOptions = {}): Promise<RunningSystem> {
  const o: Record<string, string> = { ...options.env };
  if (options.dataDir !== undefined) o.DATA_DIR = options.dataDir;
  if (options.ports?.identity !== undefined) o.IDENTITY_PORT = String(options.ports.identity);
  if (options.ports?.official !== undefined) o.OFFICIAL_PORT = String(options.ports.official);
  if (options.ports?.edge !== undefined) o.EDGE_PORT = String(options.ports.edge);
  // free ports everywhere: the embedded Janus too (tests and benchmarks run several systems at once)
  if (options.ports?.edge === 0) {
    o.JANUS_WS_PORT ??= '0';
    o.JANUS_ADMIN_PORT ??= '0';
  }
  if (options.quiet) o.LOG_LEVEL ??= 'warn';
  const config = readAllConfig(o);
  // the services read the same, already resolved directory
  o.DATA_DIR = config.DATA_DIR;
  o.INTERNAL_SECRET = config.INTERNAL_SECRET ?? randomBytes(32).toString('base64url');
  // Identity's reset links point at this machine's Edge unless the public address is configured
  // (only Identity gets the fallback: the Edge's CSP must keep answering any address it is reached at)
  const identityPublicUrl =
    config.PUBLIC_URL ?? (config.EDGE_PORT !== 0 ? `http://localhost:${config.EDGE_PORT}` : undefined);

  const logOptions = loggerOptions(config.LOG_LEVEL, 'twopointo') as pino.LoggerOptions;
  const logger = options.logDestination ? pino(logOptions, options.logDestination) : pino(logOptions);
  const owned = new ResourceStack((err) => logger.warn({ err }, 'close failed'));

  try {
    const database = await ownDatabase(config, owned, logger);
    if (database.pglite && config.DEV_DB_SOCKET_PORT !== 0) {
      try {
        owned.adopt(
          await serveDatabaseSocket(database.pglite, { host: '127.0.0.1', port: config.DEV_DB_SOCKET_PORT }),
        );
      } catch (err) {
        logger.warn({ err: String(err) }, 'could not expose the embedded database to local tools');
      }
    }
    const bus = await ownBus(config, 'twopointo-all', owned, logger);
    const cache = await ownCache(config, owned, logger);
    const storage = openStorage(readStorageConfig(o));
    if (config.JANUS_URLS.length === 0) {
      try {
        const janus = await startEmbeddedJanus(config, config.DATA_DIR);
        if (janus) {
          owned.defer(() => janus.stop());
          o.JANUS_URLS = janus.url;
          o.JANUS_TOKEN_SECRET = janus.tokenSecret;
          logger.info({ url: janus.url }, 'embedded Janus started (voice)');
        } else {
          logger.info('no Janus binary (JANUS_BINARY): voice is not set up');
        }
      } catch (err) {
        logger.warn({ err: String(err) }, 'the embedded Janus did not start: voice is not set up');
      }
    }

    const official = owned.adopt(
      await startOfficial({
        config: readOfficialConfig(o),
        database,
        bus,
        cache,
        storage,
        logger,
      }),
    );
    // Identity's outbox records (USER_UPDATE, departures) go out through Official's relay, woken at once
    const identity = owned.adopt(
      await startIdentity({
        config: readIdentityConfig(identityPublicUrl ? { ...o, PUBLIC_URL: identityPublicUrl } : o),
        database,
        cache,
        storage,
        logger,
        outboxWritten: () => official.outboxWritten(),
      }),
    );
    const edge = owned.adopt(
      await startEdge({
        config: readEdgeConfig({ ...o, IDENTITY_URL: identity.url, OFFICIAL_URL: official.url }),
        bus,
        cache,
        storage,
        storageRoutes,
        logger,
        // same process: /id and /api are served by the Edge itself, no loopback hop per request
        // (Identity and Official still listen on their ports for the gateway, JWKS and tools)
        inProcess: options.inProcess === false ? undefined : { identity, official },
      }),
    );

    return {
      edgeUrl: edge.url,
      identityUrl: identity.url,
      officialUrl: official.url,
      edge,
      official,
      identity,
      database,
      bus,
      cache,
      storage,
      close: async () => {
        await owned.close();
        logger.flush?.();
      },
    };
  } catch (err) {
    await owned.close();
    throw err;
  }
}
