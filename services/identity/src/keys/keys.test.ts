/** The signing key file: sessions survive restarts and several instances accept each other's tokens. */
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, createTestDatabase, type TestDatabase } from '@twopointo/db';
import { ConfigError } from '@twopointo/server-kit';
import { identityKeygen } from '../../../../scripts/identity-keygen.ts';
import { startIdentity } from '../index.ts';
import { call, signUp, startTestIdentity, testConfig, type TestIdentity } from '../test/identity-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'tp-id-keys-'));
const keyFile = join(dir, 'identity_rsa.pem');
identityKeygen(keyFile);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(TEST_BACKENDS)('one key file, two instances on %s', (backend) => {
  let database: TestDatabase;
  let a: TestIdentity;
  let b: TestIdentity;
  let stranger: TestIdentity;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    const overrides = { IDENTITY_RSA_PRIVATE_KEY_FILE: keyFile };
    a = await startTestIdentity(backend, { database, overrides });
    b = await startTestIdentity(backend, { database, overrides });
    stranger = await startTestIdentity(backend, { database });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), stranger?.close()]);
    await database?.close();
  });

  it('accept each other’s tokens; an instance with another key does not', async () => {
    const u = await signUp(a);
    expect((await b.call('GET', '/me', { token: u.access })).body.id).toBe(u.id);
    expect((await a.call('GET', '/.well-known/jwks.json')).body).toEqual(
      (await b.call('GET', '/.well-known/jwks.json')).body,
    );
    const refreshed = await b.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } });
    expect((await a.call('GET', '/me', { token: refreshed.body.access_token })).status).toBe(200);
    const res = await stranger.call('GET', '/me', { token: u.access });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
  });
});

describe('key rotation: the previous key is still published and accepted', () => {
  const newKey = join(dir, 'identity_rsa.new.pem');
  const oldPublic = join(dir, 'identity_rsa.old.pub.pem');
  let database: TestDatabase;
  let before: TestIdentity;
  let rotated: TestIdentity;

  beforeAll(async () => {
    identityKeygen(newKey);
    writeFileSync(
      oldPublic,
      createPublicKey(readFileSync(keyFile, 'utf8')).export({ type: 'spki', format: 'pem' }),
    );
    database = await createTestDatabase(TEST_BACKENDS[0]!);
    before = await startTestIdentity(TEST_BACKENDS[0]!, {
      database,
      overrides: { IDENTITY_RSA_PRIVATE_KEY_FILE: keyFile },
    });
    // the previous key may be given as its public half
    rotated = await startTestIdentity(TEST_BACKENDS[0]!, {
      database,
      overrides: { IDENTITY_RSA_PRIVATE_KEY_FILE: newKey, IDENTITY_RSA_PREVIOUS_KEY_FILE: oldPublic },
    });
  });
  afterAll(async () => {
    await Promise.all([before?.close(), rotated?.close()]);
    await database?.close();
  });

  it('signs with the new key, publishes both, accepts tokens of both by kid', async () => {
    const old = (await before.call('GET', '/.well-known/jwks.json')).body.keys as { kid: string }[];
    const both = (await rotated.call('GET', '/.well-known/jwks.json')).body.keys as { kid: string }[];
    expect(both).toHaveLength(2);
    expect(both[1]!.kid).toBe(old[0]!.kid);
    expect(both[0]!.kid).not.toBe(old[0]!.kid);

    const u = await signUp(before);
    expect((await rotated.call('GET', '/me', { token: u.access })).body.id).toBe(u.id);
    const fresh = await rotated.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } });
    const header = JSON.parse(Buffer.from(fresh.body.access_token.split('.')[0], 'base64url').toString());
    expect(header.kid).toBe(both[0]!.kid);
    expect((await rotated.call('GET', '/me', { token: fresh.body.access_token })).status).toBe(200);
    // an instance that has not rotated yet does not know the new key
    expect((await before.call('GET', '/me', { token: fresh.body.access_token })).status).toBe(401);
  });

  it('refuses a previous key file that is missing, not a key, or the current key', async () => {
    const notAKey = join(dir, 'not-a-key.pem');
    writeFileSync(notAKey, 'hello');
    for (const [file, pattern] of [
      [join(dir, 'nope.pem'), /cannot be read/],
      [notAKey, /not a PEM key/],
      [newKey, /current key itself/],
    ] as const) {
      const err = await startIdentity({
        config: testConfig({
          DATA_DIR: join(dir, 'data-rot'),
          IDENTITY_RSA_PRIVATE_KEY_FILE: newKey,
          IDENTITY_RSA_PREVIOUS_KEY_FILE: file,
        }),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe('IDENTITY_RSA_PREVIOUS_KEY_FILE');
      expect((err as Error).message).toMatch(pattern);
    }
  });
});

describe('startIdentity', () => {
  it('restarts on the same DATA_DIR and key file: old tokens still work', async () => {
    const dataDir = join(dir, 'data');
    const config = testConfig({
      DATA_DIR: dataDir,
      IDENTITY_RSA_PRIVATE_KEY_FILE: keyFile,
      HOST: '127.0.0.1',
    });
    const first = await startIdentity({ config });
    const u = await signUp({ call: (method, path, opts) => call(first.url, method, path, opts) });
    await first.close();

    const second = await startIdentity({ config });
    try {
      expect(second.url).not.toBe('');
      expect((await call(second.url, 'GET', '/me', { token: u.access })).body.id).toBe(u.id);
      expect(
        (await call(second.url, 'POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status,
      ).toBe(200);
      expect((await call(second.url, 'GET', '/readyz')).status).toBe(200);
    } finally {
      await second.close();
    }
  }, 90_000);

  it('refuses a missing key file naming the variable', async () => {
    const config = testConfig({
      DATA_DIR: join(dir, 'data2'),
      IDENTITY_RSA_PRIVATE_KEY_FILE: join(dir, 'missing.pem'),
    });
    const err = await startIdentity({ config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('IDENTITY_RSA_PRIVATE_KEY_FILE');
  });

  it('main.ts exits 2 with a clear message on bad configuration', () => {
    const res = spawnSync('npx', ['tsx', 'services/identity/src/main.ts'], {
      encoding: 'utf8',
      env: { ...process.env, IDENTITY_PORT: 'not-a-port', LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('IDENTITY_PORT');
  }, 60_000);
});
