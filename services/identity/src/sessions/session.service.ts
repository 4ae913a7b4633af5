/** Registration, login, TOTP 2FA, recovery codes and refresh-token rotation. */
import type { Database, DB, Kysely, UserRow } from '@twopointo/db';
import {
  badRequest,
  conflict,
  newId,
  unauthorized,
  type AppError,
  type LoginResult,
  type RegisteredUser,
  type TokenPair,
} from '@twopointo/shared';
import { presentRegisteredUser } from '../users/user.presenter.ts';
import { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { RefreshTokenRepository } from './refresh-token.repository.ts';
import { UserRepository, uniqueViolation } from '../users/user.repository.ts';
import type { AttemptLimiter } from '../two-factor/attempt-limiter.ts';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../users/password.service.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../recovery/recovery-codes.service.ts';
import {
  ACCESS_TOKEN_TTL_S,
  REFRESH_TOKEN_TTL_MS,
  newRefreshToken,
  sha256,
  type TokenService,
  type TokenSubject,
} from '../keys/token.service.ts';
import { matchTotp, newTotpSecret, normalizeCode } from '../two-factor/totp.service.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-z0-9_.]{2,32}$/i;

export interface AuthServiceDeps {
  database: Database;
  tokens: TokenService;
  attempts: AttemptLimiter;
}

export class AuthService {
  private readonly db: Kysely<DB>;
  private readonly users: UserRepository;
  private readonly refreshTokens: RefreshTokenRepository;

  constructor(private readonly deps: AuthServiceDeps) {
    this.db = deps.database.db;
    this.users = new UserRepository(this.db);
    this.refreshTokens = new RefreshTokenRepository(this.db);
  }

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
    const taken = await this.users.taken(email, username);
    if (taken.email) throw emailTaken();
    if (taken.username) throw usernameTaken();
    const password_hash = await hashPassword(input.password);
    try {
      return presentRegisteredUser(await this.users.insert({ id: newId(), email, username, password_hash }));
    } catch (err) {
      // another registration won the race between the check and the insert
      const which = uniqueViolation(err);
      if (which === 'email') throw emailTaken();
      if (which === 'username') throw usernameTaken();
      throw err;
    }
  }

  /** Always answers a partial token: 2FA is mandatory. */
  async login(input: { email: string; password: string }, ip: string): Promise<LoginResult> {
    const keys = this.deps.attempts.passwordKeys(input.email, ip);
    await this.deps.attempts.before(keys);
    const user = await this.users.findByEmail(input.email.trim());
    // unknown emails still pay for one hash, so timing does not reveal which accounts exist
    const ok = await verifyPassword(user?.password_hash, input.password);
    if (!user || !ok) {
      await this.deps.attempts.failed(keys);
      throw unauthorized('Wrong email or password', 'invalid_credentials');
    }
    await this.deps.attempts.succeeded(keys);
    return {
      partial_token: await this.deps.tokens.sign('partial', user),
      next: user.totp_enabled ? '2fa_verify' : '2fa_setup',
    };
  }

  /** A new pending secret each call until a code confirms one. */
  async setupTotp(subject: TokenSubject): Promise<{ totp_secret: string; otpauth_url: string }> {
    const user = await this.requireUser(subject);
    if (user.totp_enabled) throw twofaEnabled();
    const { secret, url } = newTotpSecret(user.email);
    if (!(await this.users.setPendingTotpSecret(user.id, secret))) throw twofaEnabled();
    return { totp_secret: secret, otpauth_url: url };
  }

  /** Checks a TOTP code (enabling 2FA on the first one) and starts a session. */
  async verifyTotp(subject: TokenSubject, rawCode: string, ip: string): Promise<TokenPair> {
    const user = await this.requireUser(subject);
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
      keys,
      (trx) => new UserRepository(trx).claimTotpStep(user.id, step),
      () => unauthorized('This code was already used; wait for the next one', 'code_already_used'),
    );
  }

  /** Signs in with a recovery code instead of TOTP; the code is spent. */
  async recover(subject: TokenSubject, recoveryCode: string, ip: string): Promise<TokenPair> {
    const user = await this.requireUser(subject);
    const keys = this.deps.attempts.codeKeys(user.id, ip);
    await this.deps.attempts.before(keys);
    if (!user.totp_enabled)
      throw conflict('twofa_not_enabled', 'Two-factor authentication is not enabled yet');
    return this.claimSession(
      user,
      keys,
      (trx) => new RecoveryCodeRepository(trx).consume(user.id, hashRecoveryCode(recoveryCode)),
      () => unauthorized('Wrong or already used recovery code', 'invalid_recovery_code'),
    );
  }

  /** After this, logins go straight to TOTP entry and codes are never shown again. */
  async confirmRecovery(subject: TokenSubject): Promise<void> {
    const user = await this.requireUser(subject);
    await this.users.confirmRecovery(user.id);
  }

  /** Rotation: the presented token is spent and a new one of the same family issued. */
  async refresh(token: string): Promise<TokenPair> {
    const row = await this.refreshTokens.findByHash(sha256(token));
    if (!row) throw unauthorized('Unknown refresh token', 'invalid_refresh_token');
    if (row.used_at) throw await this.reused(row.family_id);
    if (row.revoked_at) throw unauthorized('Refresh token revoked', 'refresh_token_revoked');
    if (new Date(row.expires_at).getTime() <= Date.now())
      throw unauthorized('Refresh token expired', 'refresh_token_expired');
    const user = await this.users.findById(row.user_id);
    if (!user) throw unauthorized('Unknown refresh token', 'invalid_refresh_token');
    const pair = await this.db.transaction().execute(async (trx) => {
      const tokens = new RefreshTokenRepository(trx);
      if (!(await tokens.markUsed(row.id))) return null;
      return this.issue(trx, user, row.family_id);
    });
    if (pair === null) throw await this.reused(row.family_id);
    return pair;
  }

  /** Ends the session the refresh token belongs to; unknown or foreign tokens are ignored. */
  async logout(subject: TokenSubject, token: string): Promise<void> {
    const user = await this.requireUser(subject);
    const row = await this.refreshTokens.findByHash(sha256(token));
    if (row && row.user_id === user.id) await this.refreshTokens.revokeFamily(row.family_id);
  }

  async logoutAll(subject: TokenSubject): Promise<void> {
    const user = await this.requireUser(subject);
    await this.refreshTokens.revokeAllOfUser(user.id);
  }

  /** The account behind a valid token; gone accounts make the token worthless. */
  async requireUser(subject: TokenSubject): Promise<UserRow> {
    const user = await this.users.findById(subject.id);
    if (!user) throw unauthorized('Account no longer exists', 'user_not_found');
    return user;
  }

  /** A spent token came back: someone holds a copy, so the whole family dies. */
  private async reused(familyId: string) {
    await this.refreshTokens.revokeFamily(familyId);
    return unauthorized('Refresh token already used; the session was revoked', 'refresh_token_reused');
  }

  /**
   * Spends a single-use second factor (a TOTP step, a recovery code) and starts the session in the
   * same transaction, so a code cannot open two sessions; a refused claim counts as a failed attempt.
   */
  private async claimSession(
    user: UserRow,
    keys: ReturnType<AttemptLimiter['codeKeys']>,
    claim: (trx: Kysely<DB>) => Promise<boolean>,
    refused: () => AppError,
  ): Promise<TokenPair> {
    const pair = await this.db.transaction().execute(async (trx) => {
      if (!(await claim(trx))) return null;
      return this.startSession(trx, user);
    });
    if (pair === null) {
      await this.deps.attempts.failed(keys);
      throw refused();
    }
    await this.deps.attempts.succeeded(keys);
    return pair;
  }

  /** New session after a second factor: fresh recovery codes until the user confirms them. */
  private async startSession(trx: Kysely<DB>, user: UserRow): Promise<TokenPair> {
    let recovery_codes: string[] | undefined;
    if (user.recovery_confirmed_at === null) {
      recovery_codes = newRecoveryCodes();
      await new RecoveryCodeRepository(trx).replaceUnused(user.id, recovery_codes.map(hashRecoveryCode));
    }
    const pair = await this.issue(trx, user, newId());
    return recovery_codes ? { ...pair, recovery_codes } : pair;
  }

  private async issue(trx: Kysely<DB>, user: UserRow, familyId: string): Promise<TokenPair> {
    const refresh = newRefreshToken();
    await new RefreshTokenRepository(trx).insert({
      id: newId(),
      user_id: user.id,
      family_id: familyId,
      token_hash: refresh.hash,
      expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    return {
      access_token: await this.deps.tokens.sign('access', user),
      refresh_token: refresh.token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_S,
    };
  }
}

const emailTaken = () => conflict('email_taken', 'This email is already registered');
const usernameTaken = () => conflict('username_taken', 'This username is taken');
const twofaEnabled = () => conflict('twofa_already_enabled', 'Two-factor authentication is already enabled');
