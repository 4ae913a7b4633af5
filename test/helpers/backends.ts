/**
 * The real backends of this machine for a distributed-mode test: a fresh PostgreSQL database,
 * a JetStream stream and subject prefix, and a Redis key prefix no other run uses; cleanup
 * drops all three.
 */
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@twopointo/db';
import { deleteStream, TEST_NATS_URL, uniqueStreamNames } from '../../packages/bus/src/test-support.ts';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface DistributedBackends {
  env: Record<string, string>;
  database: TestDatabase;
  stream: string;
  prefix: string;
  redisPrefix: string;
  cleanup(): Promise<void>;
}

export async function distributedBackends(): Promise<DistributedBackends> {
  const database = await createTestDatabase('postgres', { migrated: false });
  const { stream, prefix } = uniqueStreamNames();
  const redisPrefix = `${prefix}:`;
  return {
    env: {
      DATABASE_URL: database.url!,
      NATS_URL: TEST_NATS_URL,
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
    },
    database,
    stream,
    prefix,
    redisPrefix,
    cleanup: async () => {
      await deleteStream(TEST_NATS_URL, stream);
      const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
      await redis.connect();
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await database.close();
    },
  };
}
