/** Recovery codes, stored as hashes. */
import type { DB, Kysely } from '@twopointo/db';
import { newId } from '@twopointo/shared';

/** Writes happen inside a caller's transaction: codes are spent or replaced together with a session. */
export class RecoveryCodeRepository {
  /** Drops the user's unused codes and stores new ones. */
  async replaceUnused(trx: Kysely<DB>, userId: string, hashes: string[]): Promise<void> {
    await trx
      .deleteFrom('recovery_codes')
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
    if (hashes.length === 0) return;
    await trx
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash })))
      .execute();
  }

  /** Marks a matching unused code used; false when there is none (wrong or already used). */
  async consume(trx: Kysely<DB>, userId: string, hash: string): Promise<boolean> {
    const row = await trx
      .updateTable('recovery_codes')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** How many of the user's codes are still unused. */
  async countUnused(db: Kysely<DB>, userId: string): Promise<number> {
    const row = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
