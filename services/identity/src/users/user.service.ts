/** The signed-in user's own account: read it, delete it with everything it owns. */
import { enqueueUserDepartureEvents } from '@twopointo/official/departure';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@twopointo/db';
import { forbidden, type Me } from '@twopointo/shared';
import type { ObjectStorage } from '@twopointo/storage';
import { presentMe } from './user.presenter.ts';
import { AssetRepository } from './asset.repository.ts';
import { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { UserRepository } from './user.repository.ts';
import type { AttemptLimiter } from '../two-factor/attempt-limiter.ts';
import type { AuthService } from '../sessions/session.service.ts';
import { verifyPassword } from './password.service.ts';
import { hashRecoveryCode } from '../recovery/recovery-codes.service.ts';
import type { TokenSubject } from '../keys/token.service.ts';
import { matchTotp, normalizeCode } from '../two-factor/totp.service.ts';

export interface AccountServiceDeps {
  database: Database;
  auth: AuthService;
  attempts: AttemptLimiter;
  storage?: ObjectStorage;
  log: FastifyBaseLogger;
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async me(subject: TokenSubject): Promise<Me> {
    const user = await this.deps.auth.requireUser(subject);
    return presentMe(user);
  }

  /**
   * Deletes the account after re-checking the password and a second factor (a TOTP code or a
   * recovery code). One transaction; foreign keys cascade to servers owned, memberships,
   * messages, assets, 2FA and refresh tokens. Stored objects go after the commit.
   */
  async deleteMe(
    subject: TokenSubject,
    input: { password: string; code: string },
    ip: string,
  ): Promise<void> {
    const user = await this.deps.auth.requireUser(subject);
    const { attempts } = this.deps;
    const passwordKeys = attempts.passwordKeys(user.email, ip);
    const codeKeys = attempts.codeKeys(user.id, ip);
    await attempts.before([...passwordKeys, ...codeKeys]);
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await attempts.failed(passwordKeys);
      throw forbidden('Wrong password', 'invalid_password');
    }
    const code = normalizeCode(input.code);
    const step = /^[0-9]{6}$/.test(code) && user.totp_secret ? matchTotp(user.totp_secret, code) : null;
    const keys = await this.deps.database.db.transaction().execute(async (trx) => {
      const users = new UserRepository(trx);
      const accepted =
        step !== null
          ? await users.claimTotpStep(user.id, step)
          : await new RecoveryCodeRepository(trx).consume(user.id, hashRecoveryCode(input.code));
      if (!accepted) return null;
      const storageKeys = await new AssetRepository(trx).storageKeysOfOwner(user.id);
      // the cascades below are silent: tell connected clients through the outbox (Official's relay publishes)
      await enqueueUserDepartureEvents(trx, user.id);
      await users.delete(user.id);
      return storageKeys;
    });
    if (keys === null) {
      await attempts.failed(codeKeys);
      throw forbidden('Wrong or already used code', 'invalid_code');
    }
    if (keys.length > 0 && this.deps.storage) {
      // the rows are gone either way; orphaned objects only cost space, so log and move on
      await this.deps.storage.delete(keys).catch((err: unknown) => {
        this.deps.log.warn({ err, count: keys.length }, 'could not delete stored objects of a deleted user');
      });
    }
  }
}
