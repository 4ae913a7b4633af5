/** Identity service: users, passwords, TOTP 2FA, recovery codes, refresh tokens, RS256 signing key. */
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { MemoryCache, type Cache } from '@twopointo/cache';
import { migrate, openDatabase } from '@twopointo/db';
import type { ObjectStorage } from '@twopointo/storage';
import { buildIdentityApp } from './app.ts';
import { readIdentityConfig, type IdentityConfig } from './config.ts';

export { buildIdentityApp, type IdentityDeps } from './app.ts';
export { readIdentityConfig, identityConfigSpec, type IdentityConfig } from './config.ts';
export { loadSigningKey, type SigningKey } from './services/signing-key.ts';

export interface StartIdentityOptions {
  /** a full config; otherwise read from the environment with `overrides` */
  config?: IdentityConfig;
  overrides?: Partial<Record<keyof IdentityConfig, string>>;
  /** a shared cache (all-in-one, Redis); otherwise an in-memory one owned by this instance */
  cache?: Cache;
  storage?: ObjectStorage;
  logger?: FastifyBaseLogger;
}

export interface RunningIdentity {
  app: FastifyInstance;
  /** http://host:port actually bound (port 0 picks a free one) */
  url: string;
  close(): Promise<void>;
}

/** Opens the database (PostgreSQL or PGlite in DATA_DIR/db), migrates it, listens. */
export async function startIdentity(options: StartIdentityOptions = {}): Promise<RunningIdentity> {
  const config = options.config ?? readIdentityConfig(options.overrides);
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: join(config.DATA_DIR, 'db') },
  );
  const ownCache = options.cache === undefined;
  const cache = options.cache ?? new MemoryCache();
  let app: FastifyInstance | undefined;
  try {
    await migrate(database);
    app = await buildIdentityApp({ config, database, cache, storage: options.storage, logger: options.logger });
    if (config.REDIS_URL && ownCache) {
      app.log.warn('REDIS_URL is set but no Redis cache was passed in: rate limits are per process');
    }
    const address = await app.listen({ host: config.HOST, port: config.IDENTITY_PORT });
    const running = app;
    return {
      app: running,
      url: address,
      close: async () => {
        await running.close();
        if (ownCache) await cache.close();
        await database.close();
      },
    };
  } catch (err) {
    await app?.close();
    if (ownCache) await cache.close();
    await database.close();
    throw err;
  }
}
