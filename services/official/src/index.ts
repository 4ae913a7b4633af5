/** Official API service: servers, channels, messages, members, roles, invites and their durable events. */
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus, OutboxRelay } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import { ownBus, ownCache, ownDatabase, startService, type RunningService } from '@twopointo/runtime';
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

export type RunningOfficial = RunningService<{ app: OfficialApp }>;

/** Opens what it was not given (database migrated, bus from NATS_URL, cache), listens on OFFICIAL_PORT. */
export async function startOfficial(options: StartOfficialOptions = {}): Promise<RunningOfficial> {
  const config = options.config ?? readOfficialConfig(options.overrides);
  return startService({
    host: config.HOST,
    port: config.OFFICIAL_PORT,
    build: async (owned) => ({
      app: await buildOfficialApp({
        config,
        database: options.database ?? (await ownDatabase(config, owned, options.logger)),
        bus: options.bus ?? (await ownBus(config, 'twopointo-official', owned, options.logger)),
        cache: options.cache ?? (await ownCache(config, owned, options.logger)),
        relay: options.relay,
        storage: options.storage,
        logger: options.logger,
      }),
    }),
  });
}
