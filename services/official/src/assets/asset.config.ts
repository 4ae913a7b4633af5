/** Upload limits and timings, declared once (merge `assetConfigSpec` into Official's config when convenient). */
import { env, readConfig } from '@twopointo/server-kit';

export const DEFAULT_ASSET_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'application/pdf',
  'text/plain',
  'application/zip',
];

export const assetConfigSpec = {
  /** content types an upload may declare, comma-separated */
  ASSET_CONTENT_TYPES: env.list(DEFAULT_ASSET_CONTENT_TYPES),
  /** largest upload in bytes [25 MiB] */
  ASSET_MAX_BYTES: env.int(25 * 1024 * 1024, 1),
  /** how long an upload URL stays valid */
  ASSET_UPLOAD_TTL_SECONDS: env.int(900, 10, 7 * 24 * 3600),
  /** how long a download URL (the target of GET /assets/:aid) stays valid */
  ASSET_DOWNLOAD_TTL_SECONDS: env.int(300, 10, 7 * 24 * 3600),
  /** how often the sweep runs; 0 turns it off */
  ASSET_SWEEP_INTERVAL_SECONDS: env.int(3600, 0),
  /** age after which a never-completed upload, or a completed one no message holds, is removed */
  ASSET_ORPHAN_MAX_AGE_SECONDS: env.int(24 * 3600, 1),
};

export type AssetConfig = ReturnType<typeof readAssetConfig>;

export function readAssetConfig(overrides: Partial<Record<keyof typeof assetConfigSpec, string>> = {}) {
  return readConfig(assetConfigSpec, overrides);
}
