/** HMAC-signed storage URLs for local-disk mode: Official signs, the Edge verifies. Pure functions. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedMethod = 'PUT' | 'GET';

export type VerifyResult =
  { ok: true; params: Record<string, string> } | { ok: false; reason: 'invalid_signature' | 'url_expired' };

/** Upload URLs sign exp, ct and size; download URLs sign exp, fn and ct. */
const SIGNED_PARAMS: Record<SignedMethod, readonly string[]> = {
  PUT: ['exp', 'ct', 'size'],
  GET: ['exp', 'fn', 'ct'],
};

/** Storage keys: `/`-separated segments of [A-Za-z0-9._-], none empty, none a dot segment. */
const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
export function isValidKey(key: string): boolean {
  if (key.length === 0 || key.length > 512) return false;
  return key.split('/').every((s) => KEY_SEGMENT.test(s) && s !== '.' && s !== '..');
}

function canonical(method: SignedMethod, key: string, params: Record<string, string>): string {
  // each value is URI-encoded so a newline inside a filename cannot forge another field
  return [
    method,
    key,
    ...SIGNED_PARAMS[method].map((p) => `${p}=${encodeURIComponent(params[p] ?? '')}`),
  ].join('\n');
}

function mac(secret: string, text: string): Buffer {
  return createHmac('sha256', secret).update(text).digest();
}

/** Query string (without `?`) carrying the params and their signature. */
export function signStorageParams(
  secret: string,
  method: SignedMethod,
  key: string,
  params: Record<string, string>,
): string {
  const q = new URLSearchParams();
  for (const p of SIGNED_PARAMS[method]) q.set(p, params[p] ?? '');
  q.set('sig', mac(secret, canonical(method, key, params)).toString('base64url'));
  return q.toString();
}

/**
 * Checks a signed URL's query against its method and key. The signature is checked first,
 * so a tampered expiry reads as invalid_signature, and only a genuine old URL as url_expired.
 */
export function verifySignedUrl(
  secret: string,
  method: SignedMethod,
  key: string,
  query: Record<string, string | string[] | undefined>,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifyResult {
  const params: Record<string, string> = {};
  for (const p of [...SIGNED_PARAMS[method], 'sig']) {
    const v = query[p];
    if (typeof v !== 'string') return { ok: false, reason: 'invalid_signature' };
    params[p] = v;
  }
  if (!isValidKey(key)) return { ok: false, reason: 'invalid_signature' };
  const given = Buffer.from(params.sig!, 'base64url');
  const expected = mac(secret, canonical(method, key, params));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'invalid_signature' };
  }
  const exp = Number(params.exp);
  if (!Number.isInteger(exp) || exp < nowSeconds) return { ok: false, reason: 'url_expired' };
  delete params.sig;
  return { ok: true, params };
}
