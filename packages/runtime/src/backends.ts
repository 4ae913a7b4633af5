/** Opens the database, bus and cache a service needs and was not handed, owning only those. */
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { openBus, type EventBus } from '@twopointo/bus';
import { openCache, type Cache } from '@twopointo/cache';
import { migrate, openDatabase, type Database } from '@twopointo/db';
import type { ResourceStack } from '@twopointo/server-kit';
import type { BusSettings, CacheSettings, DatabaseSettings } from './infra-config.ts';

/** Backends handed in by a caller that shares them (the all-in-one process, tests). */
export interface GivenBackends {
  /** already migrated (PGlite admits one opener, so the all-in-one process opens it once) */
  database?: Database;
  bus?: EventBus;
  cache?: Cache;
}

/** Opens (and migrates) the database at DATABASE_URL or PGlite in DATA_DIR/db; closed with `owned`. */
export async function ownDatabase(
  config: DatabaseSettings,
  owned: ResourceStack,
  logger?: FastifyBaseLogger,
): Promise<Database> {
  const database = owned.adopt(
    await openDatabase(
      config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: join(config.DATA_DIR, 'db') },
    ),
  );
  const applied = await migrate(database);
  if (applied.length) logger?.info({ applied }, 'migrations applied');
  return database;
}

/** Opens the bus at NATS_URL or in process; closed with `owned`. */
export async function ownBus(
  config: BusSettings,
  name: string,
  owned: ResourceStack,
  logger?: FastifyBaseLogger,
): Promise<EventBus> {
  return owned.adopt(
    await openBus({
      natsUrl: config.NATS_URL,
      stream: config.NATS_STREAM,
      prefix: config.NATS_SUBJECT_PREFIX,
      name,
      logger,
    }),
  );
}

/** Opens the cache at REDIS_URL or in memory; closed with `owned`. */
export async function ownCache(
  config: CacheSettings,
  owned: ResourceStack,
  logger?: FastifyBaseLogger,
): Promise<Cache> {
  return owned.adopt(await openCache({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger }));
}
