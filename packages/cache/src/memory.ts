/** In-memory cache for the embedded default (one process). */
import type { Cache } from './types.ts';

interface Entry {
  value: string;
  expiresAt: number; // 0 = never
}

export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  private readonly map = new Map<string, Entry>();
  private readonly hashes = new Map<string, Map<string, string>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (e && e.expiresAt !== 0 && e.expiresAt <= Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.map.set(key, { value, expiresAt: ttlSeconds > 0 ? Date.now() + ttlSeconds * 1000 : 0 });
  }
  async del(key: string): Promise<void> {
    this.map.delete(key);
    this.hashes.delete(key);
  }
  async mget(keys: string[]): Promise<(string | null)[]> {
    return keys.map((k) => this.live(k)?.value ?? null);
  }
  async incr(key: string, delta = 1, ttlSeconds = 0): Promise<number> {
    const e = this.live(key);
    const next = (e ? Number(e.value) : 0) + delta;
    this.map.set(key, {
      value: String(next),
      expiresAt: e ? e.expiresAt : ttlSeconds > 0 ? Date.now() + ttlSeconds * 1000 : 0,
    });
    return next;
  }
  async hincr(key: string, field: string, delta: number): Promise<number> {
    const h = this.hash(key);
    const next = Number(h.get(field) ?? 0) + delta;
    h.set(field, String(next));
    return next;
  }
  async hset(key: string, field: string, value: string): Promise<void> {
    this.hash(key).set(field, value);
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.hashes.get(key) ?? []);
  }
  async hdel(key: string, field: string): Promise<number> {
    const h = this.hashes.get(key);
    const had = h?.delete(field) ?? false;
    if (h?.size === 0) this.hashes.delete(key);
    return had ? 1 : 0;
  }
  private hash(key: string): Map<string, string> {
    let h = this.hashes.get(key);
    if (!h) this.hashes.set(key, (h = new Map()));
    return h;
  }
  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = Date.now();
    const e = this.live(key);
    if (!e) {
      this.map.set(key, { value: '1', expiresAt: now + windowMs });
      return { count: 1, resetMs: windowMs };
    }
    e.value = String(Number(e.value) + 1);
    // a counter without expiry (written by set with ttl 0) would never reset: start a window now
    if (e.expiresAt === 0) e.expiresAt = now + windowMs;
    return { count: Number(e.value), resetMs: e.expiresAt - now };
  }
  async healthy(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.map.clear();
  }
  private sweep(): void {
    const now = Date.now();
    for (const [k, e] of this.map) if (e.expiresAt !== 0 && e.expiresAt <= now) this.map.delete(k);
  }
}
