/** The one parser of `Authorization: Bearer <token>` (Identity, the Edge's proxy and its gateway). */
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The token of a bearer Authorization header; undefined when absent or not a bearer header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return BEARER.exec(header)?.[1];
}
