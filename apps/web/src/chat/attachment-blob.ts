/**
 * Attachment URLs on the Edge (/api/assets/:id) need the bearer token, which an <img src>
 * cannot send: fetch them once with it and hand out object URLs.
 */
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { apiResponse } from '../api/http.ts';
import { EDGE_URL, edgeUrl } from '../config.ts';

const cache = new Map<string, Promise<string>>();

/** Raster types an <img> may preview; anything else (SVG, HTML) could run script if opened. */
export const PREVIEWABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);

function needsAuth(url: string): boolean {
  const abs = new URL(url, EDGE_URL + '/');
  return abs.origin === new URL(EDGE_URL).origin && abs.pathname.startsWith('/api/');
}

export function attachmentObjectUrl(url: string): Promise<string> {
  let p = cache.get(url);
  if (!p) {
    p = (async () => {
      if (!needsAuth(url)) return edgeUrl(url);
      const abs = new URL(url, EDGE_URL + '/');
      const res = await apiResponse(abs.pathname + abs.search);
      const blob = await res.blob();
      // a blob: URL has our origin, so never let one be an active document
      const safe = PREVIEWABLE.has(blob.type) ? blob : new Blob([blob], { type: 'application/octet-stream' });
      return URL.createObjectURL(safe);
    })();
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

export function useAttachmentUrl(url: string, enabled = true): { src: string | null; error: string | null } {
  const [state, setState] = useState<{ src: string | null; error: string | null }>({
    src: null,
    error: null,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    attachmentObjectUrl(url).then(
      (src) => live && setState({ src, error: null }),
      (err: unknown) => live && setState({ src: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [url, enabled]);
  return state;
}
