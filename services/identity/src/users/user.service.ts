/** Accounts: registering one, reading your own, deleting it with everything it owns. */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@twopointo/db';
import { badRequest, conflict, forbidden, newId, type Me, type RegisteredUser } from '@twopointo/shared';
import type { ObjectStorage } from '@twopointo/storage';
import type { TokenSubject } from '../keys/token.service.ts';
import type { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { hashRecoveryCode } from '../recovery/recovery-codes.service.ts';
import type { AttemptLimiter } from '../two-factor/attempt-limiter.ts';
import { matchTotp, normalizeCode } from '../two-factor/totp.service.ts';
import type { EventTransactions } from './event-transactions.ts';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password.service.ts';
import { requireUser } from './require-user.ts';
import { deleteUser, type UserDeletionRepository } from './user-deletion.ts';
import { presentMe, presentRegisteredUser } from './user.presenter.ts';
import { uniqueViolation, type UserRepository } from './user.repository.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The username rule of sign-up and of a rename. */
export const USERNAME = /^[a-z0-9_.]{2,32}$/i;

export interface UserServiceDeps {
  database: Database;
  users: UserRepository;
  recoveryCodes: RecoveryCodeRepository;
  deletions: UserDeletionRepository;
  attempts: AttemptLimiter;
  storage?: ObjectStorage;
  log: FastifyBaseLogger;
  /** for the deletion, whose departure events go through the outbox */
  events: EventTransactions;
}

export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  async register(
    input: { email: string; username: string; password: string },
    ip: string,
  ): Promise<RegisteredUser> {
    await this.deps.attempts.register(ip);
    const email = input.email.trim();
    const username = input.username.trim();
    if (email.length > 254 || !EMAIL.test(email))
      throw badRequest('invalid_input', 'body.email: must be a valid email address');
    if (!USERNAME.test(username)) {
      throw badRequest('invalid_input', 'body.username: must be 2-32 characters of a-z, 0-9, _ and .');
    }
    if ([...input.password].length < MIN_PASSWORD_LENGTH) {
      throw badRequest('invalid_input', `body.password: must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const { users } = this.deps;
    const taken = await users.taken(email, username);
    if (taken.email) throw emailTaken();
    if (taken.username) throw usernameTaken();
    const password_hash = await hashPassword(input.password);
    try {
      return presentRegisteredUser(await users.insert({ id: newId(), email, username, password_hash }));
    } catch (err) {
      // another registration won the race between the check and the insert
      const which = uniqueViolation(err);
      if (which === 'email') throw emailTaken();
      if (which === 'username') throw usernameTaken();
      throw err;
    }
  }

  async me(subject: TokenSubject): Promise<Me> {
    const user = await requireUser(this.deps.users, subject);
    return presentMe(user);
  }

  /**
   * Deletes the account after re-checking the password and a second factor (a TOTP code or a
   * recovery code). One transaction (see deleteUser for what goes); stored objects go after the
   * commit.
   */
  async deleteMe(
    subject: TokenSubject,
    input: { password: string; code: string },
    ip: string,
  ): Promise<void> {
    const { users, attempts } = this.deps;
    const user = await requireUser(users, subject);
    const passwordKeys = attempts.passwordKeys(user.email, ip);
    const codeKeys = attempts.codeKeys(user.id, ip);
    await attempts.before([...passwordKeys, ...codeKeys]);
    if (!(await verifyPassword(user.password_hash, input.password))) {
      await attempts.failed(passwordKeys);
      throw forbidden('Wrong password', 'invalid_password');
    }
    const code = normalizeCode(input.code);
    const step = /^[0-9]{6}$/.test(code) && user.totp_secret ? matchTotp(user.totp_secret, code) : null;
    const keys = await this.deps.events.run(async (trx) => {
      const accepted =
        step !== null
          ? await users.claimTotpStep(trx, user.id, step)
          : await this.deps.recoveryCodes.consume(trx, user.id, hashRecoveryCode(input.code));
      if (!accepted) return null;
      return (await deleteUser(this.deps.deletions, trx, user.id)).storageKeys;
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

const emailTaken = () => conflict('email_taken', 'This email is already registered');
export const usernameTaken = () => conflict('username_taken', 'This username is taken');
