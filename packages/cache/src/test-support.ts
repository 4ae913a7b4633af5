/** Test-only helpers for cache suites: a unique key prefix on the shared Redis, and its cleanup. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The machine's shared Redis (never stopped by tests). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(): string {
  return `tptest:${Date.now().toString(36)}${randomBytes(3).toString('hex')}:`;
}

/** Deletes every key under prefix; returns how many there were. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  try {
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) n += await client.del(...keys);
    } while (cursor !== '0');
    return n;
  } finally {
    client.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
