/**
 * Browser upload of one file: declare it (POST /api/assets), PUT the bytes straight to
 * storage with XMLHttpRequest for progress, then POST .../complete for the attachable asset.
 */
import type { Asset, AssetLimits } from '@twopointo/shared';
import { ApiError } from '../api/api-error.ts';
import { official } from '../api/endpoints.ts';
import { edgeUrl } from '../config.ts';
import { checkUpload } from './upload-rules.ts';

// headers the browser sets itself and refuses from scripts
const FORBIDDEN = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'origin', 'referer']);

export function putWithProgress(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers))
      if (!FORBIDDEN.has(k.toLowerCase())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      let message = `Upload failed (${xhr.status})`;
      try {
        const parsed = JSON.parse(xhr.responseText) as { error?: { message?: string } };
        if (parsed.error?.message) message = parsed.error.message;
      } catch {
        // S3 answers XML; the status is enough
      }
      reject(new ApiError(xhr.status, 'upload_failed', message));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'upload_failed', 'Upload failed: the storage server could not be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'upload_aborted', 'Upload cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

/** The server's bound on an image side (larger ones are sent without a size). */
const MAX_IMAGE_SIDE = 16383;

/**
 * An image's pixel size as the browser shows it (EXIF rotation applied), declared with the
 * upload so the message list can reserve its box; the server replaces it with what the stored
 * bytes say. Nothing for other files or a picture the browser cannot decode.
 */
export async function imageSize(
  file: Blob,
  contentType: string,
): Promise<{ width: number; height: number } | Record<string, never>> {
  if (!contentType.startsWith('image/') || typeof createImageBitmap !== 'function') return {};
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    const fits = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_IMAGE_SIDE;
    return fits(size.width) && fits(size.height) ? size : {};
  } catch {
    return {};
  }
}

let limits: Promise<AssetLimits> | undefined;
/** The server's upload limits, asked once per page (they change only with its configuration). */
function uploadLimits(): Promise<AssetLimits> {
  limits ??= official.assetLimits().catch((err: unknown) => {
    limits = undefined;
    throw err;
  });
  return limits;
}

export async function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Asset> {
  const contentType = checkUpload(file, await uploadLimits());
  const created = await official.createAsset({
    filename: file.name,
    content_type: contentType,
    size: file.size,
    ...(await imageSize(file, contentType)),
  });
  await putWithProgress(edgeUrl(created.upload.url), created.upload.headers, file, onProgress, signal);
  return official.completeAsset(created.id);
}
