/** Changing the password and renewing recovery codes while signed in. */
import type { Database } from '@twopointo/db';
import { forbidden } from '@twopointo/shared';
import type { TokenSubject } from '../keys/token.service.ts';
import type { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../recovery/recovery-codes.service.ts';
import type { RefreshTokenRepository } from '../sessions/refresh-token.repository.ts';
import type { AttemptLimiter } from '../two-factor/attempt-limiter.ts';
import { claimSecondFactor } from '../two-factor/second-factor.ts';
import { hashPassword, verifyPassword } from './password.service.ts';
import { requireUser } from './require-user.ts';
import type { UserRepository } from './user.repository.ts';

export interface AccountSecurityDeps {
  database: Database;
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  refreshTokens: RefreshTokenRepository;
  attempts: AttemptLimiter;
}

export class AccountSecurityService {
  constructor(private readonly deps: AccountSecurityDeps) {}

  /**
   * The current password is checked (wrong ones count against the login limits); the new hash
   * and the revocation of every other session commit together. The calling session stays.
   */
  async changePassword(
    subject: TokenSubject,
    input: { password: string; new_password: string },
    ip: string,
  ): Promise<void> {
    const { users, attempts } = this.deps;
    const user = await requireUser(users, subject);
    const keys = attempts.passwordKeys(user.email, ip);
    await attempts.before(keys);
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await attempts.failed(keys);
      throw forbidden('Wrong password', 'invalid_password');
    }
    const hash = await hashPassword(input.new_password);
    await this.deps.database.db.transaction().execute(async (trx) => {
      await users.setPassword(trx, user.id, hash);
      await this.deps.refreshTokens.revokeAllExcept(trx, user.id, subject.sid);
    });
  }

  /** A current TOTP code buys ten new recovery codes; the unused old ones stop working. Shown once. */
  async newRecoveryCodes(subject: TokenSubject, code: string, ip: string): Promise<string[]> {
    const { users, attempts } = this.deps;
    const user = await requireUser(users, subject);
    const keys = attempts.codeKeys(user.id, ip);
    await attempts.before(keys);
    const codes = newRecoveryCodes();
    const ok = await this.deps.database.db.transaction().execute(async (trx) => {
      if (!(await claimSecondFactor(this.deps, trx, user, code, { allowRecoveryCode: false }))) return false;
      await this.deps.recoveryCodes.replaceUnused(trx, user.id, codes.map(hashRecoveryCode));
      return true;
    });
    if (!ok) {
      await attempts.failed(keys);
      throw forbidden('Wrong or already used code', 'invalid_code');
    }
    await attempts.succeeded(keys);
    return codes;
  }
}
