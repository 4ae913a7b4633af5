/**
 * Forgotten passwords: a request always answers the same (no account enumeration) and, for a
 * known email, sends a single-use link valid for 30 minutes; confirming it with a second factor
 * sets the new password and signs every session out, in one transaction.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Limit, RateLimiter } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import { AppError, badRequest, forbidden, newId } from '@twopointo/shared';
import { sha256 } from '../keys/token.service.ts';
import type { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import type { RefreshTokenRepository } from '../sessions/refresh-token.repository.ts';
import type { AttemptLimiter } from '../two-factor/attempt-limiter.ts';
import { claimSecondFactor } from '../two-factor/second-factor.ts';
import { hashPassword } from '../users/password.service.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { PasswordResetRepository } from './password-reset.repository.ts';
import type { ResetMailer } from './reset-mailer.ts';

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

export interface PasswordResetDeps {
  database: Database;
  users: UserRepository;
  resets: PasswordResetRepository;
  recoveryCodes: RecoveryCodeRepository;
  refreshTokens: RefreshTokenRepository;
  attempts: AttemptLimiter;
  limiter: RateLimiter;
  limits: { perEmail: Limit; perIp: Limit };
  mailer: ResetMailer;
  publicUrl: string;
  log: FastifyBaseLogger;
}

export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * Counts the request against the email and the IP (429 past either), then answers at once; the
   * token is made and mailed after the answer, so its timing tells nothing about the account.
   */
  async request(email: string, ip: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    await this.deps.limiter.consume(`id:reset:ip:${ip}`, this.deps.limits.perIp);
    await this.deps.limiter.consume(`id:reset:acct:${normalized}`, this.deps.limits.perEmail);
    this.mailLink(normalized).catch((err: unknown) =>
      this.deps.log.warn({ err }, 'could not send a password reset link'),
    );
  }

  /** Made and sent after the 202 (a token only for a known email). */
  private async mailLink(email: string): Promise<void> {
    const user = await this.deps.users.findByEmail(email);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    await this.deps.resets.insert({
      id: newId(),
      user_id: user.id,
      token_hash: sha256(token),
      expires_at: new Date(Date.now() + RESET_TOKEN_TTL_MS),
    });
    await this.deps.mailer.send(user.email, `${this.deps.publicUrl}/#reset=${token}`);
  }

  /**
   * The token must be unspent and unexpired (400 otherwise) and the code a current TOTP code or
   * an unused recovery code (403, counted like a wrong sign-in code; the token stays usable).
   */
  async confirm(input: { token: string; new_password: string; code: string }, ip: string): Promise<void> {
    const row = await this.deps.resets.findByHash(sha256(input.token));
    if (!row || row.used_at) throw invalidToken();
    if (new Date(row.expires_at).getTime() <= Date.now())
      throw badRequest('reset_token_expired', 'This reset link has expired: ask for a new one');
    const user = await this.deps.users.findById(row.user_id);
    if (!user) throw invalidToken();
    const keys = this.deps.attempts.codeKeys(user.id, ip);
    await this.deps.attempts.before(keys);
    const hash = await hashPassword(input.new_password);
    const outcome = await this.deps.database.db.transaction().execute(async (trx) => {
      if (!(await claimSecondFactor(this.deps, trx, user, input.code, { allowRecoveryCode: true })))
        return 'bad_code' as const;
      if (!(await this.deps.resets.spend(trx, row))) throw invalidToken();
      await this.deps.users.setPassword(trx, user.id, hash);
      await this.deps.refreshTokens.revokeAllExcept(trx, user.id, undefined);
      return 'ok' as const;
    });
    if (outcome === 'bad_code') {
      await this.deps.attempts.failed(keys);
      throw forbidden('Wrong or already used code', 'invalid_code');
    }
    await this.deps.attempts.succeeded(keys);
  }
}

const invalidToken = (): AppError =>
  badRequest('invalid_reset_token', 'This reset link is not valid (or was already used)');
