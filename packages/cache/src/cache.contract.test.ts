/** One contract, both backends: what rate limits, presence and gateway sessions rely on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from './memory.ts';
import { openCache } from './open.ts';
import { RedisCache } from './redis.ts';
import { deleteKeys, sleep, TEST_REDIS_URL, uniquePrefix } from './test-support.ts';
import type { Cache } from './types.ts';

const prefix = uniquePrefix();
const backends: { name: string; open(): Promise<Cache> }[] = [
  { name: 'memory', open: async () => new MemoryCache() },
  { name: 'redis', open: () => RedisCache.connect({ url: TEST_REDIS_URL, prefix }) },
];

afterAll(async () => {
  await deleteKeys(TEST_REDIS_URL, prefix);
});

describe.each(backends)('Cache contract ($name)', ({ open }) => {
  let cache: Cache;
  beforeAll(async () => {
    cache = await open();
  });
  afterAll(async () => {
    await cache?.close();
  });

  it('gets null for a missing key, then what was set; del removes it', async () => {
    expect(await cache.get('a')).toBeNull();
    await cache.set('a', 'one', 0);
    expect(await cache.get('a')).toBe('one');
    await cache.set('a', '{"json":true}', 60);
    expect(await cache.get('a')).toBe('{"json":true}');
    await cache.del('a');
    expect(await cache.get('a')).toBeNull();
    await cache.del('never-set');
  });

  it('hashes: hincr from 0, hset, hgetall, hdel answers 1 to exactly one caller; del removes the hash', async () => {
    expect(await cache.hgetall('h')).toEqual({});
    expect(await cache.hincr('h', 'a', 2)).toBe(2);
    expect(await cache.hincr('h', 'a', -3)).toBe(-1);
    await cache.hset('h', 'b', 'x');
    expect(await cache.hgetall('h')).toEqual({ a: '-1', b: 'x' });
    const claims = await Promise.all([cache.hdel('h', 'b'), cache.hdel('h', 'b'), cache.hdel('h', 'b')]);
    expect(claims.sort()).toEqual([0, 0, 1]);
    expect(await cache.hgetall('h')).toEqual({ a: '-1' });
    await cache.del('h');
    expect(await cache.hgetall('h')).toEqual({});
  });

  it('expires a value after its ttl, keeps one with ttl 0', async () => {
    await cache.set('short', 'x', 0.25);
    await cache.set('forever', 'y', 0);
    expect(await cache.get('short')).toBe('x');
    await sleep(400);
    expect(await cache.get('short')).toBeNull();
    expect(await cache.get('forever')).toBe('y');
  });

  it('mget returns values in key order with null for missing or expired keys', async () => {
    await cache.set('m1', '1', 0);
    await cache.set('m3', '3', 60);
    await cache.set('m4', '4', 0.1);
    await sleep(200);
    expect(await cache.mget(['m1', 'm2', 'm3', 'm4'])).toEqual(['1', null, '3', null]);
    expect(await cache.mget([])).toEqual([]);
  });

  it('incr adds delta (default 1, negative allowed) and creates missing keys from 0', async () => {
    expect(await cache.incr('n')).toBe(1);
    expect(await cache.incr('n', 5)).toBe(6);
    expect(await cache.incr('n', -6)).toBe(0);
    expect(await cache.incr('n', -1)).toBe(-1);
    expect(await cache.get('n')).toBe('-1');
  });

  it('incr sets the ttl only when it creates the key', async () => {
    expect(await cache.incr('ttl-n', 1, 0.3)).toBe(1);
    await sleep(150);
    // a later ttl must not extend the window set at creation
    expect(await cache.incr('ttl-n', 1, 60)).toBe(2);
    await sleep(250);
    expect(await cache.get('ttl-n')).toBeNull();
    expect(await cache.incr('ttl-n', 1, 60)).toBe(1);
  });

  it('incr is atomic under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.incr('race')));
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await cache.get('race')).toBe('100');
  });

  it('hit counts within a fixed window and reports the time left', async () => {
    const first = await cache.hit('h', 400);
    expect(first.count).toBe(1);
    expect(first.resetMs).toBeGreaterThan(300);
    expect(first.resetMs).toBeLessThanOrEqual(400);
    await sleep(100);
    const second = await cache.hit('h', 400);
    expect(second.count).toBe(2);
    // the window does not slide
    expect(second.resetMs).toBeLessThanOrEqual(first.resetMs - 50);
    await sleep(second.resetMs + 100);
    expect((await cache.hit('h', 400)).count).toBe(1);
  });

  it('hit gives a counter without expiry a window', async () => {
    await cache.set('no-ttl', '5', 0);
    const r = await cache.hit('no-ttl', 1000);
    expect(r.count).toBe(6);
    expect(r.resetMs).toBeGreaterThan(0);
    expect(r.resetMs).toBeLessThanOrEqual(1000);
  });

  it('hit is atomic under concurrency: every count appears once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.hit('burst', 10_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    for (const r of results) expect(r.resetMs).toBeGreaterThan(0);
  });

  it('is healthy', async () => {
    expect(await cache.healthy()).toBe(true);
  });
});

describe('openCache', () => {
  it('opens a MemoryCache without a Redis URL', async () => {
    const cache = await openCache({});
    expect(cache.kind).toBe('memory');
    await cache.close();
  });

  it('opens a RedisCache with a URL; the prefix separates key spaces', async () => {
    const a = await openCache({ redisUrl: TEST_REDIS_URL, prefix: `${prefix}a:` });
    const b = await openCache({ redisUrl: TEST_REDIS_URL, prefix: `${prefix}b:` });
    expect(a.kind).toBe('redis');
    await a.set('k', 'from-a', 60);
    expect(await b.get('k')).toBeNull();
    expect(await a.get('k')).toBe('from-a');
    await a.close();
    await b.close();
    expect(await a.healthy()).toBe(false);
  });

  it('rejects when Redis does not answer', async () => {
    await expect(openCache({ redisUrl: 'redis://127.0.0.1:1', commandTimeoutMs: 500 })).rejects.toThrow();
  });
});
