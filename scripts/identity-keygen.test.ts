import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identityKeygen } from './identity-keygen.ts';

const dir = mkdtempSync(join(tmpdir(), 'tp-keygen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('identity-keygen', () => {
  it('writes an RSA 2048 PKCS#8 key with mode 600, creating the directory, and keeps it on re-run', () => {
    const file = join(dir, 'nested', 'keys', 'identity_rsa.pem');
    const cli = (): string =>
      execFileSync('npx', ['tsx', 'scripts/identity-keygen.ts', file], {
        encoding: 'utf8',
        cwd: process.cwd(),
      });

    expect(cli()).toContain('Wrote RSA 2048 key');
    const pem = readFileSync(file, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const key = createPrivateKey(pem);
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    expect(cli()).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe(pem);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('tightens a loose existing key file to 600 without replacing it', () => {
    const file = join(dir, 'loose.pem');
    expect(identityKeygen(file).created).toBe(true);
    chmodSync(file, 0o644);
    const before = readFileSync(file, 'utf8');
    const again = identityKeygen(file);
    expect(again.created).toBe(false);
    expect(again.message).toContain('now 600');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
