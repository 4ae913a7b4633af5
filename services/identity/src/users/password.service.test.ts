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
    const ms = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    // interleaved samples and medians, so a busy machine slows both sides alike
    const wrong: number[] = [];
    const unknown: number[] = [];
    const hashing: number[] = [];
    for (let i = 0; i < 7; i++) {
      wrong.push(await ms(() => verifyPassword(hash, 'wrong password')));
      unknown.push(await ms(() => verifyPassword(undefined, 'wrong password')));
      hashing.push(await ms(() => hashPassword('S3cretPass!')));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    console.info(
      `argon2id: hash ${median(hashing).toFixed(1)} ms, verify ${median(wrong).toFixed(1)} ms, unknown account ${median(unknown).toFixed(1)} ms`,
    );
    expect(await verifyPassword(undefined, 'S3cretPass!')).toBe(false);
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
    expect(median(unknown)).toBeLessThan(median(wrong) * 3);
  });
});
