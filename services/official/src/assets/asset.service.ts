/**
 * Asset rules: anyone signed in may upload (declared name, type and size first, bytes straight to
 * storage), only the owner completes, and downloads go to the owner or to whoever can read the
 * history of a channel the asset was posted in.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import sharp from 'sharp';
import type { ObjectStorage } from '@twopointo/storage';
import {
  AppError,
  Permissions,
  badRequest,
  conflict,
  newId,
  notFound,
  type Asset,
  type AssetUpload,
} from '@twopointo/shared';
import type { Actor } from '../http/trust.ts';
import type { AssetConfig } from './asset.config.ts';
import { presentAsset } from './asset.presenter.ts';
import { MAX_IMAGE_SIDE } from './asset.schema.ts';
import type { AssetRecord, AssetRepository } from './asset.repository.ts';

export interface CreateAssetInput {
  filename: string;
  content_type: string;
  size: number;
  /** images only, both or neither: what the client read; complete replaces them from the bytes */
  width?: number;
  height?: number;
}

type ImageSize = { width: number; height: number };

/** Path separators and C0/C1 control characters never belong in a download name. */
const BAD_FILENAME = /[/\\\u0000-\u001f\u007f-\u009f]/;
const SWEEP_BATCH = 500;

const assetTooLarge = (max: number) =>
  new AppError(413, 'asset_too_large', `size: must be at most ${max} bytes`);

export class AssetService {
  private readonly allowedTypes: Set<string>;

  constructor(
    private readonly repo: AssetRepository,
    private readonly storage: ObjectStorage,
    private readonly config: AssetConfig,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'info'>,
  ) {
    this.allowedTypes = new Set(config.ASSET_CONTENT_TYPES.map((t) => t.toLowerCase()));
  }

  /** Inserts the pending asset and hands back where and how to PUT its bytes. */
  async create(actor: Actor, body: CreateAssetInput): Promise<AssetUpload> {
    const filename = body.filename;
    if (BAD_FILENAME.test(filename) || /^\.+$/.test(filename) || filename.trim() === '') {
      throw badRequest(
        'invalid_input',
        'body.filename: must be a plain file name (no path separators or control characters)',
      );
    }
    const contentType = body.content_type.trim().toLowerCase();
    if (!this.allowedTypes.has(contentType)) {
      throw badRequest(
        'unsupported_content_type',
        `body.content_type: must be one of ${[...this.allowedTypes].join(', ')}`,
      );
    }
    if (body.size > this.config.ASSET_MAX_BYTES) throw assetTooLarge(this.config.ASSET_MAX_BYTES);
    if ((body.width === undefined) !== (body.height === undefined))
      throw badRequest('invalid_input', 'body.width, body.height: give both or neither');
    if (body.width !== undefined && !contentType.startsWith('image/'))
      throw badRequest('invalid_input', 'body.width, body.height: only an image has a pixel size');
    const id = newId();
    const storageKey = `assets/${id}/${randomBytes(16).toString('hex')}`;
    const upload = await this.storage.presignUpload(
      storageKey,
      contentType,
      body.size,
      this.config.ASSET_UPLOAD_TTL_SECONDS,
    );
    await this.repo.insertPending({
      id,
      ownerId: actor.id,
      filename,
      contentType,
      size: body.size,
      storageKey,
      width: body.width,
      height: body.height,
    });
    return { id, upload };
  }

  /** Marks the upload ready once storage holds the declared bytes; a wrong object is removed. */
  async complete(actor: Actor, assetId: string): Promise<Asset> {
    const asset = await this.ownAsset(actor, assetId);
    if (asset.status === 'ready') throw conflict('already_completed', 'The asset is already completed');
    const info = await this.storage.stat(asset.storage_key);
    if (!info) throw badRequest('upload_missing', 'Nothing was uploaded for this asset yet');
    if (info.size !== Number(asset.size)) {
      await this.storage.delete([asset.storage_key]);
      throw badRequest('size_mismatch', `The upload has ${info.size} bytes, ${asset.size} were declared`);
    }
    // local disk keeps no type: its signed upload URL already refused any other one
    if (info.contentType !== undefined && info.contentType.toLowerCase() !== asset.content_type) {
      await this.storage.delete([asset.storage_key]);
      throw badRequest(
        'content_type_mismatch',
        `The upload is ${info.contentType}, ${asset.content_type} was declared`,
      );
    }
    const ready = await this.repo.markReady(asset.id, await this.imageSize(asset));
    if (!ready) {
      if (await this.repo.find(asset.id))
        throw conflict('already_completed', 'The asset is already completed');
      throw notFound('asset');
    }
    return presentAsset(ready);
  }

  /** A short-lived download URL, for the owner or a reader of a channel holding the asset. */
  async downloadUrl(actor: Actor, assetId: string): Promise<string> {
    const asset = await this.repo.find(assetId);
    if (!asset || asset.status !== 'ready' || !(await this.mayDownload(actor, asset)))
      throw notFound('asset');
    return this.storage.presignDownload(
      asset.storage_key,
      asset.filename,
      asset.content_type,
      this.config.ASSET_DOWNLOAD_TTL_SECONDS,
    );
  }

  /**
   * For the message delete path, after its commit: removes those of the assets no message
   * holds any more, rows first, then their objects. Never throws; returns how many went.
   */
  async deleteUnreferencedAssets(assetIds: string[]): Promise<number> {
    try {
      const keys = await this.repo.deleteUnreferenced(assetIds);
      await this.removeObjects(keys);
      return keys.length;
    } catch (err) {
      this.log.warn({ err }, 'could not delete unreferenced assets');
      return 0;
    }
  }

  /**
   * Removes, with their objects, uploads never completed within the orphan age and completed
   * ones no message has held for that long (never posted, or their messages, channels or
   * servers deleted — whatever path did not call deleteUnreferencedAssets).
   */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.ASSET_ORPHAN_MAX_AGE_SECONDS * 1000);
    let total = 0;
    for (const batch of [
      () => this.repo.deleteStalePending(cutoff, SWEEP_BATCH),
      () => this.repo.deleteStaleUnreferenced(cutoff, SWEEP_BATCH),
    ]) {
      for (;;) {
        const keys = await batch();
        await this.removeObjects(keys);
        total += keys.length;
        if (keys.length < SWEEP_BATCH) break;
      }
    }
    if (total > 0) this.log.info({ removed: total }, 'swept orphaned assets');
    return total;
  }

  /** Rows are gone already; an object left behind by a storage error is only wasted space. */
  private async removeObjects(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.storage.delete(keys);
    } catch (err) {
      this.log.warn({ err, count: keys.length }, 'could not delete asset objects');
    }
  }

  /**
   * An image's pixel size as its stored bytes say (EXIF rotation applied, as browsers show it),
   * never the client's word; null for other files and for bytes no image decoder reads.
   */
  private async imageSize(asset: AssetRecord): Promise<ImageSize | null> {
    if (!asset.content_type.startsWith('image/')) return null;
    try {
      const bytes = await this.storage.readBytes(asset.storage_key, Number(asset.size));
      if (!bytes) return null;
      const meta = await sharp(bytes).metadata();
      if (!meta.width || !meta.height) return null;
      // EXIF orientations 5–8 turn the picture a quarter: its shown width is the stored height
      const turned = (meta.orientation ?? 1) >= 5;
      const size = turned
        ? { width: meta.height, height: meta.width }
        : { width: meta.width, height: meta.height };
      if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) return null;
      return size;
    } catch (err) {
      this.log.info({ err, asset: asset.id }, 'image size unreadable');
      return null;
    }
  }

  /** The caller's own asset; anyone else's reads as unknown. */
  private async ownAsset(actor: Actor, assetId: string): Promise<AssetRecord> {
    const asset = await this.repo.find(assetId);
    if (!asset || asset.owner_id !== actor.id) throw notFound('asset');
    return asset;
  }

  private async mayDownload(actor: Actor, asset: AssetRecord): Promise<boolean> {
    if (asset.owner_id === actor.id) return true;
    for (const channelId of await this.repo.channelsHolding(asset.id)) {
      try {
        // a DM's attachment: its recipients may download it
        await actor.access.requireConversation(
          channelId,
          Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY,
        );
        return true;
      } catch (err) {
        if (!(err instanceof AppError) || (err.status !== 403 && err.status !== 404)) throw err;
      }
    }
    return false;
  }
}
