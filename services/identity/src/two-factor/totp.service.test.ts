import { describe, expect, it } from 'vitest';
import { totp } from '../../../../test/helpers/totp.ts';
import { currentStep, matchTotp, newTotpSecret, normalizeCode } from './totp.service.ts';

describe('totp.service', () => {
  const { secret, url } = newTotpSecret('alice@example.com');
  const now = Date.UTC(2026, 0, 1, 12, 0, 10);

  it('makes a base32 160-bit secret and an otpauth URL with SHA1/6/30', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const u = new URL(url);
    expect(u.protocol).toBe('otpauth:');
    expect(u.searchParams.get('secret')).toBe(secret);
    expect(u.searchParams.get('algorithm')).toBe('SHA1');
    expect(u.searchParams.get('digits')).toBe('6');
    expect(u.searchParams.get('period')).toBe('30');
    expect(u.searchParams.get('issuer')).toBe('twopointo');
  });

  it('accepts the independent implementation’s code, with its time step, within ±1 step', () => {
    const step = currentStep(now);
    expect(matchTotp(secret, totp(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totp(secret, now, -1), now)).toBe(step - 1);
    expect(matchTotp(secret, totp(secret, now, 1), now)).toBe(step + 1);
  });

  it('refuses codes two steps away, wrong codes and non-codes', () => {
    expect(matchTotp(secret, totp(secret, now, -2), now)).toBeNull();
    expect(matchTotp(secret, totp(secret, now, 2), now)).toBeNull();
    const right = totp(secret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(matchTotp(secret, wrong, now)).toBeNull();
    expect(matchTotp(secret, '12345', now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('ignores spaces and dashes people type', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
  });
});
