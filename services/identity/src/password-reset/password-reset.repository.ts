/** Password reset tokens, stored as sha256; single-use. */
import type { DB, Kysely } from '@twopointo/db';

export interface PasswordResetRow {
  id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

export class PasswordResetRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: { id: string; user_id: string; token_hash: string; expires_at: Date }): Promise<void> {
    await this.db.insertInto('password_resets').values(row).execute();
  }

  findByHash(hash: string): Promise<PasswordResetRow | undefined> {
    return this.db
      .selectFrom('password_resets')
      .select(['id', 'user_id', 'expires_at', 'used_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirst();
  }

  /** Spends the token and every other unused one of the user; false when it was spent meanwhile. */
  async spend(trx: Kysely<DB>, row: PasswordResetRow): Promise<boolean> {
    const spent = await trx
      .updateTable('password_resets')
      .set({ used_at: new Date() })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!spent) return false;
    await trx
      .updateTable('password_resets')
      .set({ used_at: new Date() })
      .where('user_id', '=', row.user_id)
      .where('used_at', 'is', null)
      .execute();
    return true;
  }
}
