/** The user's stored objects, read before deleting the account so the bytes can go too. */
import type { DB, Kysely } from '@twopointo/db';

export class AssetRepository {
  async storageKeysOfOwner(trx: Kysely<DB>, userId: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('assets')
      .select('storage_key')
      .where('owner_id', '=', userId)
      .execute();
    return rows.map((r) => r.storage_key);
  }
}
