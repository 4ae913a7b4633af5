/** Picks the cache backend from configuration: Redis when a URL is given, in-process otherwise. */
import { MemoryCache } from './memory.ts';
import { RedisCache, type RedisCacheOptions } from './redis.ts';
import type { Cache } from './types.ts';

export interface OpenCacheOptions extends Omit<RedisCacheOptions, 'url'> {
  /** REDIS_URL; unset → MemoryCache (single process only) */
  redisUrl?: string;
}

export async function openCache(opts: OpenCacheOptions = {}): Promise<Cache> {
  const { redisUrl, ...rest } = opts;
  if (!redisUrl) return new MemoryCache();
  return RedisCache.connect({ ...rest, url: redisUrl });
}
