/**
 * Where the Edge is. The built client is served by the Edge itself (same origin); under
 * `vite dev` it talks cross-origin to VITE_EDGE_URL, which the Edge allows via CORS.
 */
const configured = import.meta.env.VITE_EDGE_URL as string | undefined;

export const EDGE_URL: string = (
  import.meta.env.DEV ? (configured ?? 'http://localhost:60420') : (configured ?? window.location.origin)
).replace(/\/+$/, '');

/** Absolute URL for a path (or an already absolute URL) on the Edge. */
export function edgeUrl(pathOrUrl: string): string {
  return new URL(pathOrUrl, EDGE_URL + '/').toString();
}

/** The gateway URL for an access token. */
export function gatewayUrl(token: string): string {
  const url = new URL('/ws', EDGE_URL + '/');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  return url.toString();
}
