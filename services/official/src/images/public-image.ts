/**
 * Making an asset a public image (an avatar now, a server icon later): the one check and the one
 * flag, run inside the caller's transaction. Exported as `@twopointo/official/images`, which loads
 * nothing else of Official, so Identity's PATCH /me uses the very same rule.
 *
 * A public asset is served without a token by GET /api/images/:aid/:size (images.routes.ts), in
 * the resized sizes of IMAGE_SIZES. Asset ids are never reused and an asset's bytes never change,
 * so its URLs are cached for a year: a new avatar is a new asset.
 */
import type { DB, Kysely } from '@twopointo/db';

/** The types a public image may have (its first frame is used). */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
/** The largest original accepted as a public image, in bytes. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** The square sizes (px) an image is served in, as WebP. */
export const IMAGE_SIZES: readonly number[] = [32, 64, 128, 256];

/** Why an asset cannot become a public image. */
export type PublicImageRefusal = 'unknown' | 'not_image' | 'too_large';

/**
 * Checks that `assetId` is a completed image of `ownerId` within MAX_IMAGE_BYTES and marks it
 * public, in `trx`. Answers the refusal (nothing is changed then) or null when it is public now.
 */
export async function claimPublicImage(
  trx: Kysely<DB>,
  ownerId: string,
  assetId: string,
): Promise<PublicImageRefusal | null> {
  const asset = await trx
    .selectFrom('assets')
    .select(['owner_id', 'status', 'content_type', 'size'])
    .where('id', '=', assetId)
    .forUpdate()
    .executeTakeFirst();
  if (!asset || asset.owner_id !== ownerId || asset.status !== 'ready') return 'unknown';
  if (!IMAGE_TYPES.includes(asset.content_type)) return 'not_image';
  if (Number(asset.size) > MAX_IMAGE_BYTES) return 'too_large';
  await markPublic(trx, assetId);
  return null;
}

/** Flags an asset public (served by /api/images, kept by the orphan sweep). */
export async function markPublic(trx: Kysely<DB>, assetId: string): Promise<void> {
  await trx.updateTable('assets').set({ public: true }).where('id', '=', assetId).execute();
}
