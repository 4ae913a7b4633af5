/** RateLimiter over both caches: fixed windows, 429 AppError with Retry-After, off switch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@twopointo/shared';
import { MemoryCache } from './memory.ts';
import { parseLimit, RateLimiter } from './rate-limiter.ts';
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

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe.each(backends)('RateLimiter ($name)', ({ open }) => {
  let cache: Cache;
  let limiter: RateLimiter;
  beforeAll(async () => {
    cache = await open();
    limiter = new RateLimiter(cache, true);
  });
  afterAll(async () => {
    await cache?.close();
  });

  it('allows max hits per window, then throws 429 rate_limited with retry-after', async () => {
    const limit = { max: 3, windowMs: 5000 };
    for (let i = 0; i < 3; i++) await limiter.consume('login:1.2.3.4', limit);
    const err = await rejection(limiter.consume('login:1.2.3.4', limit));
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limited');
    const retryAfter = Number(err.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    // other keys have their own budget
    await limiter.consume('login:5.6.7.8', limit);
  });

  it('opens again when the window ends', async () => {
    const limit = { max: 1, windowMs: 300 };
    await limiter.consume('w', limit);
    await expect(limiter.consume('w', limit)).rejects.toMatchObject({ status: 429 });
    await sleep(400);
    await limiter.consume('w', limit);
  });

  it('check() refuses a key at its limit without counting a hit', async () => {
    const limit = { max: 2, windowMs: 5000 };
    await limiter.check('c', limit);
    await limiter.check('c', limit);
    await limiter.consume('c', limit);
    await limiter.check('c', limit);
    await limiter.consume('c', limit);
    const err = await rejection(limiter.check('c', limit));
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limited');
    expect(Number(err.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('reset() clears a key', async () => {
    const limit = { max: 1, windowMs: 5000 };
    await limiter.consume('r', limit);
    await expect(limiter.consume('r', limit)).rejects.toMatchObject({ status: 429 });
    await limiter.reset('r');
    await limiter.consume('r', limit);
  });

  it('stores its counters under rl:', async () => {
    await limiter.consume('visible', { max: 5, windowMs: 5000 });
    expect(await cache.get('rl:visible')).toBe('1');
  });

  it('never throws and counts nothing when disabled', async () => {
    const off = new RateLimiter(cache, false);
    const limit = { max: 1, windowMs: 5000 };
    for (let i = 0; i < 5; i++) await off.consume('off', limit);
    await off.check('off', limit);
    expect(await cache.get('rl:off')).toBeNull();
  });
});

describe('parseLimit', () => {
  it('reads max/window with ms, s, m and h units', () => {
    expect(parseLimit('5/60s')).toEqual({ max: 5, windowMs: 60_000 });
    expect(parseLimit('120/1m')).toEqual({ max: 120, windowMs: 60_000 });
    expect(parseLimit(' 10/500ms ')).toEqual({ max: 10, windowMs: 500 });
    expect(parseLimit('1000/2h')).toEqual({ max: 1000, windowMs: 7_200_000 });
  });

  it.each(['', '5', '5/', '/60s', '5/60', '5/60d', 'five/60s', '-1/60s', '5/1.5s'])('rejects %j', (spec) => {
    expect(() => parseLimit(spec)).toThrow(/invalid rate limit/);
  });
});
