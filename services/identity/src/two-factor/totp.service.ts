/** TOTP (RFC 6238: SHA1, 30 s, 6 digits) via otpauth, with replay protection by time step. */
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD = 30;
const ISSUER = 'twopointo';

/** A fresh 160-bit secret and the otpauth:// URL authenticator apps scan. */
export function newTotpSecret(accountLabel: string): { secret: string; url: string } {
  const totp = new TOTP({ issuer: ISSUER, label: accountLabel, secret: new Secret({ size: 20 }) });
  return { secret: totp.secret.base32, url: totp.toString() };
}

/** The current time step (what totp_last_step stores). */
export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD);
}

/**
 * The time step a code belongs to (±1 step of now for clock drift), or null when it is wrong.
 * The caller refuses steps at or below the last one used, so each code works once.
 */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    timestamp: now,
    window: 1,
  });
  return delta === null ? null : currentStep(now) + delta;
}

/** Codes are typed by people: spaces and dashes are ignored. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}
