/** Single-use recovery codes: 10 random codes shown once, stored as sha256 (about 49 random bits each). */
import { randomInt } from 'node:crypto';
import { sha256 } from '../keys/token.service.ts';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i to read them off paper

/** e.g. "k7pqz-m2xwa" */
export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: n }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Hash of a code as typed: case, spaces and dashes do not matter. */
export function hashRecoveryCode(code: string): string {
  return sha256(code.toLowerCase().replace(/[\s-]/g, ''));
}
