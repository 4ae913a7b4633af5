/** The cache contract both implementations honour. */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  /** set with a time to live in seconds (0 = no expiry) */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  mget(keys: string[]): Promise<(string | null)[]>;
  /** atomically add delta to an integer key; the ttl is set when the key is created */
  incr(key: string, delta?: number, ttlSeconds?: number): Promise<number>;
  /** hash field += delta (created at 0); the new value */
  hincr(key: string, field: string, delta: number): Promise<number>;
  hset(key: string, field: string, value: string): Promise<void>;
  /** every field of a hash ({} when missing) */
  hgetall(key: string): Promise<Record<string, string>>;
  /** removes a field; 1 when it was there (so of several callers exactly one gets 1), else 0 */
  hdel(key: string, field: string): Promise<number>;
  /** fixed-window hit counter for rate limits: count in the current window and ms until it resets */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
