/** Identity service: users, passwords, TOTP 2FA, recovery codes, refresh tokens, RS256 signing key. */
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { openCache, type Cache } from '@twopointo/cache';
import { migrate, openDatabase, type Database } from '@twopointo/db';
import type { ObjectStorage } from '@twopointo/storage';
import { buildIdentityApp } from './app.ts';
import { readIdentityConfig, type IdentityConfig } from './config.ts';
import { loadSigningKey } from './keys/signing-key.ts';

export { buildIdentityApp, type IdentityDeps } from './app.ts';
export { readIdentityConfig, identityConfigSpec, type IdentityConfig } from './config.ts';
export { loadSigningKey, type SigningKey } from './keys/signing-key.ts';

export interface StartIdentityOptions {
  /** a full config; otherwise read from the environment with `overrides` */
  config?: IdentityConfig;
  overrides?: Partial<Record<keyof IdentityConfig, string>>;
  /** a shared cache (all-in-one); otherwise Redis at REDIS_URL or in memory, owned by this instance */
  cache?: Cache;
  storage?: ObjectStorage;
  logger?: FastifyBaseLogger;
  /** a shared, migrated database (all-in-one: PGlite admits one opener); otherwise opened here */
  database?: Database;
}

export interface RunningIdentity {
  app: FastifyInstance;
  /** http://host:port actually bound (port 0 picks a free one) */
  url: string;
  close(): Promise<void>;
}

/** Opens the database (PostgreSQL or PGlite in DATA_DIR/db) and cache, migrates, listens. */
export async function startIdentity(options: StartIdentityOptions = {}): Promise<RunningIdentity> {
  const config = options.config ?? readIdentityConfig(options.overrides);
  // a bad key file is a configuration error: report it before opening anything
  const signingKey = await loadSigningKey(
    config.IDENTITY_RSA_PRIVATE_KEY_FILE,
    config.IDENTITY_RSA_PREVIOUS_KEY_FILE,
  );
  const ownDatabase = options.database === undefined;
  const database =
    options.database ??
    (await openDatabase(
      config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: join(config.DATA_DIR, 'db') },
    ));
  const ownCache = options.cache === undefined;
  let cache: Cache | undefined = options.cache;
  let app: FastifyInstance | undefined;
  try {
    cache ??= await openCache({
      redisUrl: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      logger: options.logger,
    });
    await migrate(database);
    app = await buildIdentityApp({
      config,
      database,
      cache,
      signingKey,
      storage: options.storage,
      logger: options.logger,
    });
    const address = await app.listen({ host: config.HOST, port: config.IDENTITY_PORT });
    const running = app;
    const openCacheRef = cache;
    return {
      app: running,
      url: address,
      close: async () => {
        await running.close();
        if (ownCache) await openCacheRef.close();
        if (ownDatabase) await database.close();
      },
    };
  } catch (err) {
    await app?.close();
    if (ownCache) await cache?.close();
    if (ownDatabase) await database.close();
    throw err;
  }
}
