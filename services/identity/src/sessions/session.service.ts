/** Sessions: login (a partial token), starting one after a second factor, refresh-token rotation, logout. */
import type { Database, DB, Kysely, UserRow } from '@twopointo/db';
import { newId, unauthorized, type LoginResult, type TokenPair } from '@twopointo/shared';
import {
  ACCESS_TOKEN_TTL_S,
  REFRESH_TOKEN_TTL_MS,
  newRefreshToken,
  sha256,
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

export interface SessionServiceDeps {
  database: Database;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
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

  /** New session after a second factor: fresh recovery codes until the user confirms them. */
  async start(trx: Kysely<DB>, user: UserRow): Promise<TokenPair> {
    let recovery_codes: string[] | undefined;
    if (user.recovery_confirmed_at === null) {
      recovery_codes = newRecoveryCodes();
      await this.deps.recoveryCodes.replaceUnused(trx, user.id, recovery_codes.map(hashRecoveryCode));
    }
    const pair = await this.issue(trx, user, newId());
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
      return this.issue(trx, user, row.family_id);
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

  private async issue(trx: Kysely<DB>, user: UserRow, familyId: string): Promise<TokenPair> {
    const refresh = newRefreshToken();
    await this.deps.refreshTokens.insert(trx, {
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
