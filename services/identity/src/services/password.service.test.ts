import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.service.ts';

describe('password.service', () => {
  it('hashes with argon2id at the default cost and verifies', async () => {
    const hash = await hashPassword('S3cretPass!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'S3cretPass!')).toBe(true);
    expect(await verifyPassword(hash, 's3cretPass!')).toBe(false);
    expect(await verifyPassword('not a hash', 'S3cretPass!')).toBe(false);
  });

  it('takes about as long for an unknown account as for a wrong password', async () => {
    const hash = await hashPassword('S3cretPass!');
    await verifyPassword(undefined, 'warm-up'); // the dummy hash is made once
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) await fn();
      return (performance.now() - t0) / 5;
    };
    const wrong = await time(() => verifyPassword(hash, 'wrong password'));
    const unknown = await time(() => verifyPassword(undefined, 'wrong password'));
    const hashing = await time(() => hashPassword('S3cretPass!'));
    console.info(
      `argon2id: hash ${hashing.toFixed(1)} ms, verify ${wrong.toFixed(1)} ms, unknown account ${unknown.toFixed(1)} ms`,
    );
    expect(await verifyPassword(undefined, 'S3cretPass!')).toBe(false);
    expect(unknown).toBeGreaterThan(wrong * 0.5);
    expect(unknown).toBeLessThan(wrong * 2);
  });
});
