/** Official API service: servers, channels, messages, members, roles, invites and their durable events. */
import type { OutboxRelay } from '@twopointo/bus';
import {
  ownBus,
  ownCache,
  ownDatabase,
  startService,
  type RunningService,
  type StartOptions,
} from '@twopointo/runtime';
import type { ObjectStorage } from '@twopointo/storage';
import { buildOfficial, type BuiltOfficial } from './app.ts';
import { readOfficialConfig, type OfficialConfig } from './config.ts';

export {
  buildOfficial,
  buildOfficialApp,
  type BuiltOfficial,
  type OfficialDeps,
  type OfficialContext,
} from './app.ts';
export { readOfficialConfig, officialConfigSpec, type OfficialConfig } from './config.ts';
export { actorOf, type Actor } from './http/trust.ts';
export type { OfficialApp } from './http/types.ts';

export interface StartOfficialOptions extends StartOptions<OfficialConfig> {
  /** a relay the caller runs; otherwise one is made with the app */
  relay?: OutboxRelay;
  storage?: ObjectStorage;
}

/** `routes`: the public routes for a server in the same process to mount (the all-in-one Edge). */
export type RunningOfficial = RunningService<BuiltOfficial>;

/** Opens what it was not given (database migrated, bus from NATS_URL, cache), listens on OFFICIAL_PORT. */
export async function startOfficial(options: StartOfficialOptions = {}): Promise<RunningOfficial> {
  const config = options.config ?? readOfficialConfig(options.overrides);
  return startService({
    host: config.HOST,
    port: config.OFFICIAL_PORT,
    build: async (owned) =>
      buildOfficial({
        config,
        database: options.database ?? (await ownDatabase(config, owned, options.logger)),
        bus: options.bus ?? (await ownBus(config, 'twopointo-official', owned, options.logger)),
        cache: options.cache ?? (await ownCache(config, owned, options.logger)),
        relay: options.relay,
        storage: options.storage,
        logger: options.logger,
      }),
  });
}
