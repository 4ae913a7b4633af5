/** Redis-backed cache for the distributed mode: limits, presence and sessions shared by all instances. */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Cache } from './types.ts';

export interface CacheLogger {
  warn(obj: object, msg: string): void;
}

export interface RedisCacheOptions {
  /** redis://[user:pass@]host:port[/db] */
  url: string;
  /** prepended to every key, so several deployments (or test runs) can share a Redis ["tp:"] */
  prefix?: string;
  /** a command that gets no answer within this rejects [2 s] */
  commandTimeoutMs?: number;
  logger?: CacheLogger;
}

// Atomic so that concurrent instances agree on one window: the first hit starts it.
// The PTTL < 0 branch repairs a key that lost its expiry (e.g. written by set with ttl 0).
const HIT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) t = tonumber(ARGV[1]) end
return {c, t}`;

// The ttl applies only when this call creates the key, like MemoryCache.
const INCR = `local created = redis.call('EXISTS', KEYS[1]) == 0
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if created and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;

export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  readonly prefix: string;
  private readonly shas = new Map<string, string>();
  private errors = 0;

  private constructor(
    private readonly client: Redis,
    opts: RedisCacheOptions,
  ) {
    this.prefix = opts.prefix ?? 'tp:';
  }

  /** Connects now (rejecting if Redis does not answer), then reconnects forever in the background. */
  static async connect(opts: RedisCacheOptions): Promise<RedisCache> {
    const timeout = opts.commandTimeoutMs ?? 2000;
    const client = new Redis(opts.url, {
      lazyConnect: true,
      connectTimeout: timeout,
      commandTimeout: timeout,
      // fail fast while Redis is away instead of queueing requests until it returns
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(50 * times, 1000),
    });
    const cache = new RedisCache(client, opts);
    client.on('error', (err: Error) => {
      // ioredis emits one per failed reconnect attempt: log the first and then every 30th
      if (cache.errors++ % 30 === 0) opts.logger?.warn({ err: err.message }, 'redis connection error');
    });
    client.on('ready', () => (cache.errors = 0));
    try {
      await client.connect();
    } catch (err) {
      client.disconnect();
      throw err;
    }
    return cache;
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (ttlSeconds > 0) await this.client.set(this.k(key), value, 'PX', ms(ttlSeconds));
    else await this.client.set(this.k(key), value);
  }

  async del(key: string): Promise<void> {
    await this.client.del(this.k(key));
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return this.client.mget(keys.map((k) => this.k(k)));
  }

  async incr(key: string, delta = 1, ttlSeconds = 0): Promise<number> {
    const v = await this.script(
      INCR,
      this.k(key),
      String(delta),
      String(ttlSeconds > 0 ? ms(ttlSeconds) : 0),
    );
    return Number(v);
  }

  async hincr(key: string, field: string, delta: number): Promise<number> {
    return this.client.hincrby(this.k(key), field, delta);
  }

  async hset(key: string, field: string, value: string): Promise<void> {
    await this.client.hset(this.k(key), field, value);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return this.client.hgetall(this.k(key));
  }

  async hdel(key: string, field: string): Promise<number> {
    return this.client.hdel(this.k(key), field);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const [count, ttl] = (await this.script(HIT, this.k(key), String(Math.max(1, Math.round(windowMs))))) as [
      number,
      number,
    ];
    return { count: Number(count), resetMs: Number(ttl) };
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** EVALSHA, loading the script on first use or after a Redis restart (NOSCRIPT). */
  private async script(body: string, key: string, ...args: string[]): Promise<unknown> {
    let sha = this.shas.get(body);
    if (!sha) {
      sha = createHash('sha1').update(body).digest('hex');
      this.shas.set(body, sha);
    }
    try {
      return await this.client.evalsha(sha, 1, key, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.client.eval(body, 1, key, ...args);
    }
  }
}

function ms(seconds: number): number {
  return Math.max(1, Math.round(seconds * 1000));
}
