/** Invite codes: 10 characters of base62 from a CSPRNG (about 59 bits, unguessable). */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function newInviteCode(length = 10): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}
