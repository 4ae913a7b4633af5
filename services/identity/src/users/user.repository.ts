/** Users: the only place Identity's user SQL lives. */
import { sql, type Kysely } from '@twopointo/db';
import type { DB, NewUser, UserRow } from '@twopointo/db';

/** The profile fields PATCH /me may change. */
export interface ProfileChange {
  username?: string;
  display_name?: string | null;
  about?: string | null;
  avatar_asset_id?: string | null;
}

export class UserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Case-insensitive, served by the lower(email) unique index. */
  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
  }

  /** Which of email and username another account already holds (case-insensitive). */
  async taken(email: string, username: string): Promise<{ email: boolean; username: boolean }> {
    const rows = await this.db
      .selectFrom('users')
      .select(['email', 'username'])
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(email)`, '=', email.toLowerCase()),
          eb(sql<string>`lower(username)`, '=', username.toLowerCase()),
        ]),
      )
      .execute();
    return {
      email: rows.some((r) => r.email.toLowerCase() === email.toLowerCase()),
      username: rows.some((r) => r.username.toLowerCase() === username.toLowerCase()),
    };
  }

  /** Whether another account than `exceptId` holds the username (case-insensitive). */
  async usernameTaken(username: string, exceptId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .where('id', '<>', exceptId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Applies a profile change inside the caller's transaction; the updated row. */
  updateProfile(trx: Kysely<DB>, id: string, change: ProfileChange): Promise<UserRow> {
    return trx.updateTable('users').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Replaces the password hash inside the caller's transaction. */
  async setPassword(trx: Kysely<DB>, id: string, passwordHash: string): Promise<void> {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  insert(user: NewUser): Promise<UserRow> {
    return this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  }

  /** Stores a pending secret unless 2FA got enabled meanwhile; false when it was. */
  async setPendingTotpSecret(id: string, secret: string): Promise<boolean> {
    const row = await this.db
      .updateTable('users')
      .set({ totp_secret: secret, totp_last_step: null })
      .where('id', '=', id)
      .where('totp_enabled', '=', false)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records a TOTP step as used and enables 2FA, only if the step is newer than the last one:
   * the compare-and-set makes a replayed (or concurrently submitted) code fail.
   */
  async claimTotpStep(trx: Kysely<DB>, id: string, step: number): Promise<boolean> {
    const row = await trx
      .updateTable('users')
      .set({ totp_last_step: String(step), totp_enabled: true })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async confirmRecovery(id: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ recovery_confirmed_at: new Date() })
      .where('id', '=', id)
      .where('recovery_confirmed_at', 'is', null)
      .execute();
  }
}

/** Which unique index a failed insert hit, when it was a unique violation (race with another insert). */
export function uniqueViolation(err: unknown): 'email' | 'username' | undefined {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return undefined;
  const where = `${e.constraint ?? ''} ${e.message ?? ''}`;
  if (where.includes('users_email_lower_key')) return 'email';
  if (where.includes('users_username_lower_key')) return 'username';
  return undefined;
}
