/** Content-Disposition for downloads: media shows inline, everything else is saved. */

const INLINE = /^(image|video|audio)\//;

export function contentDisposition(filename: string, contentType: string): string {
  const kind = INLINE.test(contentType) ? 'inline' : 'attachment';
  // quoted ASCII fallback for old clients, RFC 5987 filename* for the real name
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
