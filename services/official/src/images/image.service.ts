/**
 * Resized copies of public images: made once with sharp on the first request for a size, stored
 * next to the original through the storage package, then read from storage (and a small
 * in-process cache) ever after.
 */
import { LRUCache } from 'lru-cache';
import sharp from 'sharp';
import { AppError, badRequest, notFound } from '@twopointo/shared';
import { ObjectTooLargeError, type ObjectStorage } from '@twopointo/storage';
import type { ImageRepository } from './image.repository.ts';
import { IMAGE_SIZES, MAX_IMAGE_BYTES } from './public-image.ts';

/** Decompression bombs: an original may have at most this many pixels. */
const MAX_INPUT_PIXELS = 40_000_000;
export const VARIANT_TYPE = 'image/webp';

const invalidImage = () =>
  new AppError(415, 'invalid_image', 'The stored image cannot be decoded (or has too many pixels)');

/** Where the variant of an asset is stored: next to nothing else, one per size. */
export const variantKey = (assetId: string, size: number) => `images/${assetId}/${size}.webp`;

export class ImageService {
  private readonly bytes = new LRUCache<string, Buffer>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (b) => Math.max(1, b.length),
  });
  /** one resize per variant at a time in this process */
  private readonly making = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly repo: ImageRepository,
    private readonly storage: ObjectStorage,
  ) {}

  /** The WebP bytes of a public image at `size` px; 404 for anything not public, 400 for a size not served. */
  async variant(assetId: string, size: number): Promise<Buffer> {
    if (!IMAGE_SIZES.includes(size))
      throw badRequest('invalid_input', `params.size: must be one of ${IMAGE_SIZES.join(', ')}`);
    const key = variantKey(assetId, size);
    const cached = this.bytes.get(key);
    if (cached) return cached;
    const image = await this.repo.findPublic(assetId);
    if (!image) throw notFound('asset');
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.load(image.id, image.storage_key, size).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    const out = await pending;
    this.bytes.set(key, out);
    return out;
  }

  private async load(assetId: string, originalKey: string, size: number): Promise<Buffer> {
    const key = variantKey(assetId, size);
    if (await this.repo.findVariant(assetId, size)) {
      const stored = await this.storage.readBytes(key, MAX_IMAGE_BYTES);
      if (stored) return stored;
    }
    let original: Buffer | null;
    try {
      original = await this.storage.readBytes(originalKey, MAX_IMAGE_BYTES);
    } catch (err) {
      if (err instanceof ObjectTooLargeError) throw invalidImage();
      throw err;
    }
    if (!original) throw notFound('asset');
    const out = await resize(original, size);
    await this.storage.writeBytes(key, out, VARIANT_TYPE);
    await this.repo.insertVariant(assetId, size, key, out.length);
    return out;
  }
}

/** A square WebP of `size` px, cropped to the centre; the first frame of an animation. */
export async function resize(original: Buffer, size: number): Promise<Buffer> {
  try {
    return await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(size, size, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw invalidImage();
  }
}
