/** SQL of the public images: the original's row and the resized variants. */
import type { DB, Kysely } from '@twopointo/db';

export interface PublicImage {
  id: string;
  storage_key: string;
  content_type: string;
}

export interface ImageVariant {
  storage_key: string;
  bytes: number;
}

export class ImageRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The asset when it is ready and public; anything else reads as unknown. */
  findPublic(assetId: string): Promise<PublicImage | undefined> {
    return this.db
      .selectFrom('assets')
      .select(['id', 'storage_key', 'content_type'])
      .where('id', '=', assetId)
      .where('status', '=', 'ready')
      .where('public', '=', true)
      .executeTakeFirst();
  }

  findVariant(assetId: string, size: number): Promise<ImageVariant | undefined> {
    return this.db
      .selectFrom('image_variants')
      .select(['storage_key', 'bytes'])
      .where('asset_id', '=', assetId)
      .where('size', '=', size)
      .executeTakeFirst();
  }

  /** Records a stored variant; a concurrent maker of the same one wrote the same key, so a repeat is ignored. */
  async insertVariant(assetId: string, size: number, storageKey: string, bytes: number): Promise<void> {
    await this.db
      .insertInto('image_variants')
      .values({ asset_id: assetId, size, storage_key: storageKey, bytes })
      .onConflict((oc) => oc.columns(['asset_id', 'size']).doNothing())
      .execute();
  }
}
