/** Test-only: the bus + cache pairs the gateway suites run on (in memory, and JetStream + Redis). */
import { JetStreamBus, MemoryBus, type EventBus } from '@twopointo/bus';
import { MemoryCache, RedisCache, type Cache } from '@twopointo/cache';
import { deleteStream, TEST_NATS_URL, uniqueStreamNames } from '../../../../packages/bus/src/test-support.ts';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../../../../packages/cache/src/test-support.ts';

export interface Backends {
  bus: EventBus;
  cache: Cache;
  /** closes both and removes the stream / keys they used */
  cleanup(): Promise<void>;
}

export interface BackendKind {
  name: string;
  /** retain: how many durable events stay replayable */
  open(retain: number): Promise<Backends>;
}

const quiet = { warn: () => undefined, error: () => undefined };

export const BACKENDS: BackendKind[] = [
  {
    name: 'MemoryBus + MemoryCache',
    open: async (retain) => {
      const bus = new MemoryBus({ retain });
      const cache = new MemoryCache();
      return {
        bus,
        cache,
        cleanup: async () => {
          await bus.close();
          await cache.close();
        },
      };
    },
  },
  {
    name: 'JetStream + Redis',
    open: async (retain) => {
      const names = uniqueStreamNames();
      const prefix = uniquePrefix();
      const bus = await JetStreamBus.connect({
        url: TEST_NATS_URL,
        ...names,
        maxMsgs: retain,
        logger: quiet,
      });
      const cache = await RedisCache.connect({ url: TEST_REDIS_URL, prefix });
      return {
        bus,
        cache,
        cleanup: async () => {
          await bus.close();
          await cache.close();
          await deleteStream(TEST_NATS_URL, names.stream);
          await deleteKeys(TEST_REDIS_URL, prefix);
        },
      };
    },
  },
];
