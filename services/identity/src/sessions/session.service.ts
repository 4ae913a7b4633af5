/** Sessions: login (a partial token), starting one after a second factor, refresh-token rotation, logout. */
import type { Database, DB, Kysely, UserRow } from '@twopointo/db';
import { newId, notFound, unauthorized, type LoginResult, type Session, type TokenPair } from '@twopointo/shared';
import {
  ACCESS_TOKEN_TTL_S,
  REFRESH_TOKEN_TTL_MS,
  newRefreshToken,
  sha256,
  type PartialSubject,
  type TokenService,
  type TokenSubject,
} from '../keys/token.service.ts';
import type { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../recovery/recovery-codes.service.ts';
import type { AttemptLimiter } from '../two-factor/attempt-limiter.ts';
import { verifyPassword } from '../users/password.service.ts';
import { requireUser } from '../users/require-user.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';
import { presentSession } from './session.presenter.ts';
import type { SpentPartialTokenRepository } from './spent-partial-token.repository.ts';

export interface SessionServiceDeps {
  database: Database;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  spentPartialTokens: SpentPartialTokenRepository;
  recoveryCodes: RecoveryCodeRepository;
  tokens: TokenService;
  attempts: AttemptLimiter;
}

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /** Always answers a partial token: 2FA is mandatory. */
  async login(input: { email: string; password: string }, ip: string): Promise<LoginResult> {
    const keys = this.deps.attempts.passwordKeys(input.email, ip);
    await this.deps.attempts.before(keys);
    const user = await this.deps.users.findByEmail(input.email.trim());
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

  /** The access check of the 2FA calls: the account behind a partial token that has not started a session yet. */
  async requirePartial(subject: PartialSubject): Promise<UserRow> {
    const user = await requireUser(this.deps.users, subject);
    if (await this.deps.spentPartialTokens.isSpent(subject.jti)) throw partialTokenUsed();
    return user;
  }

  /**
   * New session after a second factor, in the transaction that spent it: the partial token is
   * spent too (a concurrent use of it rolls the whole transaction back). Recovery codes are made
   * only when asked for: by the verify that turns 2FA on.
   */
  async start(
    trx: Kysely<DB>,
    user: UserRow,
    partial: PartialSubject,
    opts: { newRecoveryCodes: boolean; userAgent?: string },
  ): Promise<TokenPair> {
    if (!(await this.deps.spentPartialTokens.spend(trx, partial.jti, partial.expiresAt))) {
      throw partialTokenUsed();
    }
    let recovery_codes: string[] | undefined;
    if (opts.newRecoveryCodes) {
      recovery_codes = newRecoveryCodes();
      await this.deps.recoveryCodes.replaceUnused(trx, user.id, recovery_codes.map(hashRecoveryCode));
    }
    const pair = await this.issue(trx, user, newId(), clientName(opts.userAgent));
    return recovery_codes ? { ...pair, recovery_codes } : pair;
  }

  /** Rotation: the presented token is spent and a new one of the same family issued. */
  async refresh(token: string): Promise<TokenPair> {
    const { refreshTokens } = this.deps;
    const row = await refreshTokens.findByHash(sha256(token));
    if (!row) throw unauthorized('Unknown refresh token', 'invalid_refresh_token');
    if (row.used_at) throw await this.reused(row.family_id);
    if (row.revoked_at) throw unauthorized('Refresh token revoked', 'refresh_token_revoked');
    if (new Date(row.expires_at).getTime() <= Date.now())
      throw unauthorized('Refresh token expired', 'refresh_token_expired');
    const user = await this.deps.users.findById(row.user_id);
    if (!user) throw unauthorized('Unknown refresh token', 'invalid_refresh_token');
    const pair = await this.deps.database.db.transaction().execute(async (trx) => {
      if (!(await refreshTokens.markUsed(trx, row.id))) return null;
      return this.issue(trx, user, row.family_id, row.user_agent);
    });
    if (pair === null) throw await this.reused(row.family_id);
    return pair;
  }

  /** Ends the session the refresh token belongs to; unknown or foreign tokens are ignored. */
  async logout(subject: TokenSubject, token: string): Promise<void> {
    const user = await requireUser(this.deps.users, subject);
    const row = await this.deps.refreshTokens.findByHash(sha256(token));
    if (row && row.user_id === user.id) await this.deps.refreshTokens.revokeFamily(row.family_id);
  }

  async logoutAll(subject: TokenSubject): Promise<void> {
    const user = await requireUser(this.deps.users, subject);
    await this.deps.refreshTokens.revokeAllOfUser(user.id);
  }

  /** A spent token came back: someone holds a copy, so the whole family dies. */
  private async reused(familyId: string) {
    await this.deps.refreshTokens.revokeFamily(familyId);
    return unauthorized('Refresh token already used; the session was revoked', 'refresh_token_reused');
  }

  /** The caller's signed-in devices, newest activity first; `current` is the one of the access token. */
  async list(subject: TokenSubject): Promise<Session[]> {
    const user = await requireUser(this.deps.users, subject);
    const rows = await this.deps.refreshTokens.liveSessions(user.id);
    return rows.map((r) => presentSession(r, subject.sid));
  }

  /** Signs one of the caller's sessions out (its refresh token dies; access tokens expire on their own). */
  async revoke(subject: TokenSubject, sessionId: string): Promise<void> {
    const user = await requireUser(this.deps.users, subject);
    if (!(await this.deps.refreshTokens.revokeSession(user.id, sessionId))) throw notFound('session');
  }

  private async issue(
    trx: Kysely<DB>,
    user: UserRow,
    familyId: string,
    userAgent: string | null,
  ): Promise<TokenPair> {
    const refresh = newRefreshToken();
    await this.deps.refreshTokens.insert(trx, {
      id: newId(),
      user_id: user.id,
      family_id: familyId,
      token_hash: refresh.hash,
      expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      user_agent: userAgent,
    });
    return {
      access_token: await this.deps.tokens.sign('access', user, familyId),
      refresh_token: refresh.token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_S,
    };
  }
}

/** What is kept of a User-Agent header: printable, at most 256 characters. */
export function clientName(userAgent: string | undefined): string | null {
  const clean = (userAgent ?? '').replace(/[^\x20-\x7e]/g, '').trim().slice(0, 256);
  return clean === '' ? null : clean;
}

const partialTokenUsed = () =>
  unauthorized('This sign-in was already completed; log in again', 'partial_token_used');
