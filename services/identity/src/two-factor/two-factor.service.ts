/** TOTP 2FA: setting it up, and signing in with a TOTP code or a recovery code instead. */
import type { Database, DB, Kysely, UserRow } from '@twopointo/db';
import { badRequest, conflict, unauthorized, type AppError, type TokenPair } from '@twopointo/shared';
import type { PartialSubject } from '../keys/token.service.ts';
import type { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { hashRecoveryCode } from '../recovery/recovery-codes.service.ts';
import type { SessionService } from '../sessions/session.service.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AttemptLimiter } from './attempt-limiter.ts';
import { matchTotp, newTotpSecret, normalizeCode } from './totp.service.ts';

export interface TwoFactorServiceDeps {
  database: Database;
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  sessions: SessionService;
  attempts: AttemptLimiter;
}

export class TwoFactorService {
  constructor(private readonly deps: TwoFactorServiceDeps) {}

  /** A new pending secret each call until a code confirms one. */
  async setup(subject: PartialSubject): Promise<{ totp_secret: string; otpauth_url: string }> {
    const user = await this.deps.sessions.requirePartial(subject);
    if (user.totp_enabled) throw twofaEnabled();
    const { secret, url } = newTotpSecret(user.email);
    if (!(await this.deps.users.setPendingTotpSecret(user.id, secret))) throw twofaEnabled();
    return { totp_secret: secret, otpauth_url: url };
  }

  /** Checks a TOTP code (enabling 2FA on the first one, which also makes the recovery codes) and starts a session. */
  async verify(subject: PartialSubject, rawCode: string, ip: string, userAgent?: string): Promise<TokenPair> {
    const user = await this.deps.sessions.requirePartial(subject);
    const keys = this.deps.attempts.codeKeys(user.id, ip);
    await this.deps.attempts.before(keys);
    if (!user.totp_secret) throw conflict('twofa_not_set_up', 'Call /auth/2fa/setup first');
    const code = normalizeCode(rawCode);
    if (!/^[0-9]{6}$/.test(code)) throw badRequest('invalid_input', 'body.code: must be 6 digits');
    const step = matchTotp(user.totp_secret, code);
    if (step === null) {
      await this.deps.attempts.failed(keys);
      throw unauthorized('Wrong code', 'invalid_code');
    }
    return this.claimSession(
      user,
      subject,
      keys,
      { newRecoveryCodes: !user.totp_enabled, userAgent },
      (trx) => this.deps.users.claimTotpStep(trx, user.id, step),
      () => unauthorized('This code was already used; wait for the next one', 'code_already_used'),
    );
  }

  /** Signs in with a recovery code instead of TOTP; the code is spent. */
  async recover(
    subject: PartialSubject,
    recoveryCode: string,
    ip: string,
    userAgent?: string,
  ): Promise<TokenPair> {
    const user = await this.deps.sessions.requirePartial(subject);
    const keys = this.deps.attempts.codeKeys(user.id, ip);
    await this.deps.attempts.before(keys);
    if (!user.totp_enabled)
      throw conflict('twofa_not_enabled', 'Two-factor authentication is not enabled yet');
    return this.claimSession(
      user,
      subject,
      keys,
      { newRecoveryCodes: false, userAgent },
      (trx) => this.deps.recoveryCodes.consume(trx, user.id, hashRecoveryCode(recoveryCode)),
      () => unauthorized('Wrong or already used recovery code', 'invalid_recovery_code'),
    );
  }

  /**
   * Spends a single-use second factor (a TOTP step, a recovery code) and starts the session in the
   * same transaction, so a code cannot open two sessions; a refused claim counts as a failed attempt.
   * The partial token is spent there as well: when another request spent it first, the claim is
   * rolled back and the answer is 401 partial_token_used.
   */
  private async claimSession(
    user: UserRow,
    partial: PartialSubject,
    keys: ReturnType<AttemptLimiter['codeKeys']>,
    opts: { newRecoveryCodes: boolean; userAgent?: string },
    claim: (trx: Kysely<DB>) => Promise<boolean>,
    refused: () => AppError,
  ): Promise<TokenPair> {
    const pair = await this.deps.database.db.transaction().execute(async (trx) => {
      if (!(await claim(trx))) return null;
      return this.deps.sessions.start(trx, user, partial, opts);
    });
    if (pair === null) {
      await this.deps.attempts.failed(keys);
      throw refused();
    }
    await this.deps.attempts.succeeded(keys);
    return pair;
  }
}

const twofaEnabled = () => conflict('twofa_already_enabled', 'Two-factor authentication is already enabled');
