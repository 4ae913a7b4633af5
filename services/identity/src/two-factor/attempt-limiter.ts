/** Rate limits on guesses: checked before the work, counted only when a password or code is wrong. */
import type { Limit, RateLimiter } from '@twopointo/cache';
import { AppError, unavailable } from '@twopointo/shared';
import type { IdentityConfig } from '../config.ts';

type Key = readonly [key: string, limit: Limit];

export class AttemptLimiter {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: Pick<
      IdentityConfig,
      | 'LOGIN_RATE_LIMIT'
      | 'LOGIN_IP_RATE_LIMIT'
      | 'TWOFA_RATE_LIMIT'
      | 'TWOFA_IP_RATE_LIMIT'
      | 'REGISTER_RATE_LIMIT'
    >,
  ) {}

  /** Wrong passwords, per account (the email as typed, lower-cased) and per client IP. */
  passwordKeys(email: string, ip: string): Key[] {
    return [
      [`id:login:acct:${email.trim().toLowerCase()}`, this.config.LOGIN_RATE_LIMIT],
      [`id:login:ip:${ip}`, this.config.LOGIN_IP_RATE_LIMIT],
    ];
  }

  /** Wrong TOTP or recovery codes, per account and per client IP. */
  codeKeys(userId: string, ip: string): Key[] {
    return [
      [`id:2fa:acct:${userId}`, this.config.TWOFA_RATE_LIMIT],
      [`id:2fa:ip:${ip}`, this.config.TWOFA_IP_RATE_LIMIT],
    ];
  }

  /** 429 when any key is already at its limit. */
  async before(keys: Key[]): Promise<void> {
    for (const [key, limit] of keys) await guarded(this.limiter.check(key, limit));
  }

  async failed(keys: Key[]): Promise<void> {
    for (const [key, limit] of keys) await guarded(this.limiter.consume(key, limit));
  }

  /** A correct answer clears the account's count (not the IP's). */
  async succeeded(keys: Key[]): Promise<void> {
    const first = keys[0];
    if (first) await guarded(this.limiter.reset(first[0]));
  }

  /** Every registration counts against the client IP. */
  async register(ip: string): Promise<void> {
    await guarded(this.limiter.consume(`id:register:ip:${ip}`, this.config.REGISTER_RATE_LIMIT));
  }
}

/** Without its counter store (Redis away) the guard fails closed: 503, never unlimited guessing. */
async function guarded(p: Promise<void>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable('Rate limit store unavailable');
  }
}
