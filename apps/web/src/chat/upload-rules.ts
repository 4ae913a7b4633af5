/**
 * What may be uploaded, in words: the server's limits (GET /api/assets/limits, fetched once) turned
 * into a sentence a person can act on, checked before any byte leaves the browser.
 */
import type { AssetLimits } from '@twopointo/shared';
import { ApiError } from '../api/api-error.ts';

/** How each accepted type reads in a list ("PNG", "MP4"…), grouped by what it is. */
const KINDS: Record<string, string> = { image: 'images', video: 'videos', audio: 'audio' };
const NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'audio/mpeg': 'MP3',
  'audio/ogg': 'Ogg',
  'audio/wav': 'WAV',
  'application/pdf': 'PDF',
  'text/plain': 'plain text',
  'application/zip': 'ZIP',
};
const nameOf = (type: string) => NAMES[type] ?? type.split('/')[1]!.replace(/^x-/, '').toUpperCase();

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "PNG, JPEG, GIF and WEBP images, MP4 and WEBM videos, …, PDF and ZIP files". */
export function describeAllowed(types: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const others: string[] = [];
  for (const type of types) {
    const kind = KINDS[type.split('/')[0]!];
    if (kind) groups.set(kind, [...(groups.get(kind) ?? []), nameOf(type)]);
    else others.push(nameOf(type));
  }
  const parts = [...groups].map(([kind, names]) => `${list(names)} ${kind}`);
  if (others.length > 0) parts.push(`${list(others)} files`);
  return list(parts);
}

/** "25 MB", "1.5 MB", "800 KB" (binary units, as the limit is set). */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Throws an ApiError in words when the file would be refused; the declared type is returned. */
export function checkUpload(file: { name: string; type: string; size: number }, limits: AssetLimits): string {
  const type = (file.type || 'application/octet-stream').toLowerCase();
  if (!limits.content_types.includes(type)) {
    throw new ApiError(
      400,
      'unsupported_content_type',
      `${file.name} can't be uploaded: this server accepts ${describeAllowed(limits.content_types)}.`,
    );
  }
  if (file.size > limits.max_bytes) {
    throw new ApiError(
      413,
      'asset_too_large',
      `${file.name} is ${formatBytes(file.size)}; files can be up to ${formatBytes(limits.max_bytes)}.`,
    );
  }
  return type;
}
