/**
 * Janus' signed tokens (`token_auth_secret`): `<expiry s>,<realm>,<descriptor>...:<base64 HMAC-SHA1>`.
 * The core checks realm `janus` with the plugin's package as a descriptor on every request; the
 * VideoRoom checks realm `janus.plugin.videoroom` with `room=<id>` on `join` in rooms created with
 * `signed_tokens`. Nothing here knows users: a nonce keeps each admission's room token distinct.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';

function sign(secret: string, data: string): string {
  return `${data}:${createHmac('sha1', secret).update(data).digest('base64')}`;
}

/** Token for Janus API requests (sessions, handles) limited to the VideoRoom plugin. */
export function coreToken(secret: string, expiresAtS: number): string {
  return sign(secret, `${expiresAtS},janus,${VIDEOROOM_PLUGIN}`);
}

/** Token for `join` in one room (publisher and subscriber); unique per call through its nonce. */
export function roomToken(secret: string, room: string, expiresAtS: number): string {
  return sign(
    secret,
    `${expiresAtS},${VIDEOROOM_PLUGIN},room=${room},n=${randomBytes(9).toString('base64url')}`,
  );
}

export interface VerifiedToken {
  expiresAtS: number;
  realm: string;
  descriptors: string[];
}

/** The token's fields when its signature holds and it has not expired, else null. */
export function verifyToken(secret: string, token: string, nowS = Date.now() / 1000): VerifiedToken | null {
  const colon = token.lastIndexOf(':');
  if (colon <= 0) return null;
  const data = token.slice(0, colon);
  const expected = Buffer.from(sign(secret, data).slice(colon + 1));
  const given = Buffer.from(token.slice(colon + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [expiry, realm, ...descriptors] = data.split(',');
  const expiresAtS = Number(expiry);
  if (!realm || !/^\d+$/.test(expiry ?? '') || expiresAtS < nowS) return null;
  return { expiresAtS, realm, descriptors };
}

/** The room a valid VideoRoom room token admits to, else null. */
export function roomOfToken(secret: string, token: string, nowS?: number): string | null {
  const v = verifyToken(secret, token, nowS);
  if (!v || v.realm !== VIDEOROOM_PLUGIN) return null;
  const room = v.descriptors.find((d) => d.startsWith('room='));
  return room ? room.slice(5) : null;
}
