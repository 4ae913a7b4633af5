/** Keyed fixed-window limits over the cache, so they hold across instances when Redis backs it. */
import { tooManyRequests } from '@twopointo/shared';
import type { Cache } from './types.ts';

export interface Limit {
  /** hits allowed per window */
  max: number;
  windowMs: number;
}

export class RateLimiter {
  constructor(
    private readonly cache: Cache,
    /** false when RATE_LIMITS=off: every check passes */
    readonly enabled: boolean,
  ) {}

  /** Counts a hit on key; throws a 429 AppError (with Retry-After) past the limit. */
  async consume(key: string, limit: Limit): Promise<void> {
    if (!this.enabled) return;
    const { count, resetMs } = await this.cache.hit(`rl:${key}`, limit.windowMs);
    if (count > limit.max) throw tooManyRequests(resetMs / 1000);
  }

  /** Throws a 429 if key is already past its limit, without counting (checked before work). */
  async check(key: string, limit: Limit): Promise<void> {
    if (!this.enabled) return;
    const raw = await this.cache.get(`rl:${key}`);
    if (raw !== null && Number(raw) >= limit.max) throw tooManyRequests(limit.windowMs / 1000);
  }

  async reset(key: string): Promise<void> {
    await this.cache.del(`rl:${key}`);
  }
}

/** Parses a limit like "5/60s" or "120/1m" (configurable limits come in this form). */
export function parseLimit(spec: string): Limit {
  const m = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(spec.trim());
  if (!m) throw new Error(`invalid rate limit "${spec}" (expected e.g. 5/60s)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 'ms' | 's' | 'm' | 'h'];
  return { max: Number(m[1]), windowMs: Number(m[2]) * unit };
}
