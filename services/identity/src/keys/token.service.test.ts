import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@twopointo/shared';
import { ConfigError } from '@twopointo/server-kit';
import { loadSigningKey, type SigningKey } from './signing-key.ts';
import { TokenService, newRefreshToken, sha256 } from './token.service.ts';

const opts = { issuer: 'twopointo-identity', audience: 'twopointo' };
const alice = { id: '123456789', username: 'alice' };
const dir = mkdtempSync(join(tmpdir(), 'tp-token-'));
let key: SigningKey;
let tokens: TokenService;

beforeAll(async () => {
  key = await loadSigningKey(undefined);
  tokens = new TokenService(key, opts);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function code(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(401);
  return (err as AppError).code;
}

describe('token.service', () => {
  it('signs access tokens per the internal contract, verifiable with the JWKS alone', async () => {
    const token = await tokens.sign('access', alice);
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    const { payload } = await jwtVerify(token, createLocalJWKSet(tokens.jwks()), { ...opts });
    expect(payload).toMatchObject({
      sub: alice.id,
      username: 'alice',
      typ: 'access',
      iss: opts.issuer,
      aud: 'twopointo',
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(await tokens.verify(token, 'access')).toEqual(alice);
  });

  it('gives partial tokens the :2fa audience and 5 minutes; they fail where access is needed', async () => {
    const token = await tokens.sign('partial', alice);
    const { payload } = await jwtVerify(token, key.publicKey, {
      issuer: opts.issuer,
      audience: 'twopointo:2fa',
    });
    expect(payload.typ).toBe('partial');
    expect(payload.exp! - payload.iat!).toBe(300);
    await expect(jwtVerify(token, key.publicKey, { ...opts })).rejects.toThrow();
    expect(await tokens.verify(token, 'partial')).toEqual(alice);
    expect(await code(tokens.verify(token, 'access'))).toBe('access_token_required');
    expect(await code(tokens.verify(await tokens.sign('access', alice), 'partial'))).toBe(
      'partial_token_required',
    );
  });

  it('refuses garbage, foreign keys, wrong issuers and expired tokens with distinct codes', async () => {
    expect(await code(tokens.verify('not.a.jwt', 'access'))).toBe('invalid_token');
    const other = new TokenService(await loadSigningKey(undefined), opts);
    expect(await code(tokens.verify(await other.sign('access', alice), 'access'))).toBe('invalid_token');
    const otherIssuer = new TokenService(key, { ...opts, issuer: 'someone-else' });
    expect(await code(tokens.verify(await otherIssuer.sign('access', alice), 'access'))).toBe(
      'invalid_token',
    );
    const expired = await new SignJWT({ typ: 'access', username: 'alice' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(opts.issuer)
      .setAudience(opts.audience)
      .setSubject(alice.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(key.privateKey);
    expect(await code(tokens.verify(expired, 'access'))).toBe('token_expired');
    const wrongTyp = await new SignJWT({ typ: 'refresh', username: 'alice' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(opts.issuer)
      .setAudience(opts.audience)
      .setSubject(alice.id)
      .setExpirationTime('5m')
      .sign(key.privateKey);
    expect(await code(tokens.verify(wrongTyp, 'access'))).toBe('invalid_token');
  });

  it('picks the key by kid: a token of our key naming an unknown kid is refused', async () => {
    const sign = (kid: string) =>
      new SignJWT({ typ: 'access', username: 'alice' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(opts.issuer)
        .setAudience(opts.audience)
        .setSubject(alice.id)
        .setExpirationTime('5m')
        .sign(key.privateKey);
    expect(await tokens.verify(await sign(key.kid), 'access')).toEqual(alice);
    expect(await code(tokens.verify(await sign('not-our-kid'), 'access'))).toBe('invalid_token');
  });

  it('loads PKCS#8 and PKCS#1 PEM files to the same kid, and names the variable on bad files', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = join(dir, 'pkcs8.pem');
    const pkcs1 = join(dir, 'pkcs1.pem');
    writeFileSync(pkcs8, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pkcs1, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const a = await loadSigningKey(pkcs8);
    const b = await loadSigningKey(pkcs1);
    expect(a.kid).toBe(b.kid);
    expect(a.ephemeral).toBe(false);

    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'hello');
    const ec = join(dir, 'ec.pem');
    writeFileSync(
      ec,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    for (const file of [join(dir, 'missing.pem'), garbage, ec]) {
      const err = await loadSigningKey(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe('IDENTITY_RSA_PRIVATE_KEY_FILE');
    }
  });

  it('makes 32-byte base64url refresh tokens and stores only their sha256', () => {
    const { token, hash } = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(sha256(token));
    expect(hash).not.toContain(token);
    expect(newRefreshToken().token).not.toBe(token);
  });
});
