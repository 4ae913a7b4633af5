/** Recovery codes, stored as hashes. */
import type { DB, Kysely } from '@twopointo/db';
import { newId } from '@twopointo/shared';

export class RecoveryCodeRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Drops the user's unused codes and stores new ones (call inside a transaction). */
  async replaceUnused(userId: string, hashes: string[]): Promise<void> {
    await this.db
      .deleteFrom('recovery_codes')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
    if (hashes.length === 0) return;
    await this.db
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash })))
      .execute();
  }

  /** Marks a matching unused code used; false when there is none (wrong or already used). */
  async consume(userId: string, hash: string): Promise<boolean> {
    const row = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }
}
