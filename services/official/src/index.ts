/** Official API service: servers, channels, messages, members, roles, invites and their durable events. */
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { openBus, type EventBus, type OutboxRelay } from '@twopointo/bus';
import { openCache, type Cache } from '@twopointo/cache';
import { migrate, openDatabase, type Database } from '@twopointo/db';
import { ResourceStack } from '@twopointo/server-kit';
import type { ObjectStorage } from '@twopointo/storage';
import { buildOfficialApp } from './app.ts';
import { readOfficialConfig, type OfficialConfig } from './config.ts';
import type { OfficialApp } from './http/types.ts';

export { buildOfficialApp, type OfficialDeps, type OfficialContext } from './app.ts';
export { readOfficialConfig, officialConfigSpec, type OfficialConfig } from './config.ts';
export { actorOf, type Actor } from './http/trust.ts';
export type { OfficialApp } from './http/types.ts';

export interface StartOfficialOptions {
  /** a full config; otherwise read from the environment with `overrides` */
  config?: OfficialConfig;
  overrides?: Partial<Record<keyof OfficialConfig, string>>;
  /** shared backends (all-in-one); whatever is missing is opened here and closed with the service */
  database?: Database;
  bus?: EventBus;
  cache?: Cache;
  relay?: OutboxRelay;
  storage?: ObjectStorage;
  logger?: FastifyBaseLogger;
}

export interface RunningOfficial {
  app: OfficialApp;
  /** http://host:port actually bound (port 0 picks a free one) */
  url: string;
  close(): Promise<void>;
}

/** Opens what it was not given (database migrated, bus from NATS_URL, cache), listens on OFFICIAL_PORT. */
export async function startOfficial(options: StartOfficialOptions = {}): Promise<RunningOfficial> {
  const config = options.config ?? readOfficialConfig(options.overrides);
  const owned = new ResourceStack();
  let app: OfficialApp | undefined;
  try {
    let database = options.database;
    if (!database) {
      database = owned.adopt(
        await openDatabase(
          config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: join(config.DATA_DIR, 'db') },
        ),
      );
      await migrate(database);
    }
    const bus =
      options.bus ??
      owned.adopt(
        await openBus({
          natsUrl: config.NATS_URL,
          stream: config.NATS_STREAM,
          prefix: config.NATS_SUBJECT_PREFIX,
          name: 'twopointo-official',
        }),
      );
    const cache =
      options.cache ??
      owned.adopt(
        await openCache({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger: options.logger }),
      );
    app = await buildOfficialApp({
      config,
      database,
      bus,
      cache,
      relay: options.relay,
      storage: options.storage,
      logger: options.logger,
    });
    const address = await app.listen({ host: config.HOST, port: config.OFFICIAL_PORT });
    const running = app;
    return {
      app: running,
      url: address,
      close: async () => {
        await running.close();
        await owned.close();
      },
    };
  } catch (err) {
    await app?.close();
    await owned.close();
    throw err;
  }
}
