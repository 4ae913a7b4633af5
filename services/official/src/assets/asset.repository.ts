/** SQL for assets: pending rows, completion, where an asset was posted, orphan removal. */
import { sql, type DB, type ExpressionBuilder, type Kysely } from '@twopointo/db';

/**
 * No message attachment holds the asset. Deletes put it in their own WHERE, so an asset attached
 * meanwhile is kept.
 */
function unreferenced(eb: ExpressionBuilder<DB, 'assets'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('message_attachments')
        .select(sql.lit(1).as('one'))
        .whereRef('message_attachments.asset_id', '=', 'assets.id'),
    ),
  );
}

export interface AssetRecord {
  id: string;
  owner_id: string;
  filename: string;
  content_type: string;
  size: string;
  storage_key: string;
  status: 'pending' | 'ready';
  created_at: Date;
  width: number | null;
  height: number | null;
}

const COLUMNS = [
  'id',
  'owner_id',
  'filename',
  'content_type',
  'size',
  'storage_key',
  'status',
  'created_at',
  'width',
  'height',
] as const;

export class AssetRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insertPending(a: {
    id: string;
    ownerId: string;
    filename: string;
    contentType: string;
    size: number;
    storageKey: string;
    width?: number;
    height?: number;
  }): Promise<void> {
    await this.db
      .insertInto('assets')
      .values({
        id: a.id,
        owner_id: a.ownerId,
        filename: a.filename,
        content_type: a.contentType,
        size: String(a.size),
        storage_key: a.storageKey,
        width: a.width ?? null,
        height: a.height ?? null,
      })
      .execute();
  }

  find(id: string): Promise<AssetRecord | undefined> {
    return this.db.selectFrom('assets').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /**
   * pending → ready, with the image size read from the bytes (null: not an image); undefined
   * when it was not pending any more (a concurrent complete won).
   */
  async markReady(
    id: string,
    size: { width: number; height: number } | null,
  ): Promise<AssetRecord | undefined> {
    return this.db
      .updateTable('assets')
      .set({
        status: 'ready',
        completed_at: new Date(),
        width: size?.width ?? null,
        height: size?.height ?? null,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning(COLUMNS)
      .executeTakeFirst();
  }

  /** Channels holding a message with this asset attached. */
  async channelsHolding(assetId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('message_attachments')
      .innerJoin('messages', 'messages.id', 'message_attachments.message_id')
      .select('messages.channel_id')
      .distinct()
      .where('message_attachments.asset_id', '=', assetId)
      .execute();
    return rows.map((r) => r.channel_id);
  }

  /**
   * Deletes those of `ids` no message holds and returns their storage keys. The NOT EXISTS
   * sits in the delete itself, so an asset attached meanwhile is kept.
   */
  async deleteUnreferenced(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .deleteFrom('assets')
      .where('id', 'in', ids)
      .where(unreferenced)
      .returning('storage_key')
      .execute();
    return rows.map((r) => r.storage_key);
  }

  /**
   * Deletes up to `limit` completed assets no message has held since before `olderThan`
   * (never posted, or their messages, channels or servers deleted); returns their storage keys.
   */
  async deleteStaleUnreferenced(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('assets')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('assets as a')
          .select('a.id')
          .where('a.status', '=', 'ready')
          // public images (avatars, icons) are held by a profile or a server, not a message
          .where('a.public', '=', false)
          .where('a.completed_at', '<', olderThan)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('message_attachments')
                  .select(sql.lit(1).as('one'))
                  .whereRef('message_attachments.asset_id', '=', 'a.id'),
              ),
            ),
          )
          .limit(limit),
      )
      .where(unreferenced)
      .returning('storage_key')
      .execute();
    return rows.map((r) => r.storage_key);
  }

  /** Deletes up to `limit` uploads still pending since before `olderThan`; returns their storage keys. */
  async deleteStalePending(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('assets')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('assets')
          .select('id')
          .where('status', '=', 'pending')
          .where('created_at', '<', olderThan)
          .orderBy('created_at')
          .limit(limit),
      )
      .where('status', '=', 'pending')
      .returning('storage_key')
      .execute();
    return rows.map((r) => r.storage_key);
  }
}
