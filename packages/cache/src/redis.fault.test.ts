/** Redis going away must fail requests fast, not hang them, and the cache must recover by itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type PrivateServer } from '../../../test/helpers/redis-server.ts';
import { RedisCache } from './redis.ts';
import { sleep } from './test-support.ts';

describe('RedisCache across a Redis restart', () => {
  let redis: PrivateServer;
  let cache: RedisCache;

  beforeAll(async () => {
    redis = await startRedisServer();
    cache = await RedisCache.connect({ url: redis.url, commandTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await cache?.close();
    await redis?.cleanup();
  });

  it('rejects commands quickly while Redis is down and works again once it is back', async () => {
    await cache.set('k', 'v', 60);
    expect(await cache.hit('rl', 60_000)).toMatchObject({ count: 1 });
    await redis.stop();

    for (const op of [() => cache.get('k'), () => cache.hit('rl', 60_000), () => cache.incr('n', 1, 60)]) {
      const t0 = Date.now();
      await expect(op()).rejects.toThrow();
      expect(Date.now() - t0).toBeLessThan(2500);
    }
    const t0 = Date.now();
    expect(await cache.healthy()).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2500);

    await redis.start();
    const deadline = Date.now() + 10_000;
    while (!(await cache.healthy())) {
      if (Date.now() > deadline) throw new Error('cache did not reconnect');
      await sleep(50);
    }
    // a fresh server (no persistence): the scripts are reloaded after NOSCRIPT
    expect(await cache.get('k')).toBeNull();
    expect(await cache.hit('rl', 60_000)).toMatchObject({ count: 1 });
    expect(await cache.incr('n', 2, 60)).toBe(2);
  });
});
