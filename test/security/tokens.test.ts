/**
 * Token confusion: only RS256 access tokens signed by Identity's key, with our issuer and exactly
 * our audience, open /api and /ws; partial (2FA) tokens open the 2FA calls and nothing else.
 * Forged tokens are made with the real private key (from the key file) so each one differs from a
 * valid token in exactly one respect.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/client.ts';
import { totp } from '../helpers/totp.ts';
import { buildWorld, expectError, startSystem, type TestSystem, type World } from './harness.ts';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** HTTP status of a refused upgrade, or the close code when the socket opened and was closed; 'open' if accepted. */
function wsOutcome(edge: string, token: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${edge.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('message', () => {
      resolve('open');
      ws.close();
    });
    ws.once('close', (code) => resolve(code));
    ws.once('error', () => undefined);
  });
}

describe('token confusion', () => {
  let t: TestSystem;
  let w: World;
  let privateKey: KeyObject;
  let publicPem: string;
  let kid: string;
  let partial: string;
  const iss = 'twopointo-identity';
  const aud = 'twopointo';

  beforeAll(async () => {
    t = await startSystem({ keyFile: true });
    w = await buildWorld(t.edge);
    privateKey = createPrivateKey(readFileSync(t.keyFile!, 'utf8'));
    const pub = createPublicKey(privateKey);
    publicPem = pub.export({ type: 'spki', format: 'pem' }).toString();
    kid = await calculateJwkThumbprint(await exportJWK(pub));
    const login = await api<{ partial_token: string }>(t.edge, 'POST', '/id/auth/login', {
      body: { email: `${w.a.username}@example.com`, password: 'S3cretPass!' },
    });
    partial = login.body.partial_token;
  });
  afterAll(async () => t?.close());

  const sign = (
    claims: Record<string, unknown>,
    opts: { key?: KeyObject | Uint8Array; alg?: string; kid?: string | null; exp?: number } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ typ: 'access', username: w.a.username, ...claims })
      .setProtectedHeader({
        alg: opts.alg ?? 'RS256',
        ...(opts.kid === null ? {} : { kid: opts.kid ?? kid }),
      })
      .setIssuedAt(now)
      .setExpirationTime(opts.exp ?? now + 600);
    if (!('iss' in claims)) jwt.setIssuer(iss);
    if (!('aud' in claims)) jwt.setAudience(aud);
    if (!('sub' in claims)) jwt.setSubject(w.a.userId);
    return jwt.sign(opts.key ?? privateKey);
  };

  it('the forging tool itself is right: a token made like Identity makes them is accepted', async () => {
    const good = await sign({});
    expect((await api(t.edge, 'GET', '/api/me/servers', { token: good })).status).toBe(200);
    expect((await api(t.edge, 'GET', '/id/me', { token: good })).status).toBe(200);
    expect(await wsOutcome(t.edge, good)).toBe('open');
  });

  it('refuses every confused, forged or damaged token at /api, /ws and the access-token calls of Identity', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const good = await sign({});
    const [h, p, s] = good.split('.') as [string, string, string];
    const claimsB = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: w.b.userId };
    const bad: Record<string, string> = {
      expired: await sign({}, { exp: now - 5 }),
      'other audience': await sign({ aud: 'someone-else' }),
      'audience list containing ours': await sign({ aud: [aud, 'someone-else'] }),
      'partial audience': await sign({ aud: `${aud}:2fa`, typ: 'partial' }),
      'partial typ with our audience': await sign({ typ: 'partial' }),
      'no typ': await sign({ typ: undefined }),
      'other issuer': await sign({ iss: 'evil-identity' }),
      'no subject': await sign({ sub: undefined }),
      'HS256 keyed with the public key PEM': await sign(
        {},
        { alg: 'HS256', key: new TextEncoder().encode(publicPem) },
      ),
      'alg none': `${b64({ alg: 'none', typ: 'JWT', kid })}.${p}.`,
      'alg none, no signature part': `${b64({ alg: 'none', kid })}.${p}`,
      'signed by another key under our kid': await sign({}, { key: otherKey }),
      'unknown kid': await sign({}, { kid: 'not-a-key-we-know' }),
      'payload swapped to another user': `${h}.${b64(claimsB)}.${s}`,
      'signature cut': `${h}.${p}.${s.slice(0, 20)}`,
      'signature removed': `${h}.${p}.`,
      'two parts': `${h}.${p}`,
      'header only': h,
      'a partial (2FA) token': partial,
      'a refresh token': w.a.refresh,
      garbage: 'not.a.jwt',
      huge: 'a'.repeat(9000),
    };
    for (const [name, token] of Object.entries(bad)) {
      for (const [method, path] of [
        ['GET', '/api/me/servers'],
        ['GET', `/api/channels/${w.cid}/messages`],
        ['GET', '/id/me'],
        ['POST', '/id/auth/recovery/confirm'],
        ['POST', '/id/auth/logout-all'],
      ] as const) {
        // Identity holds one key and verifies with it whatever the kid says; correctly signed
        // tokens whose only fault is the kid are the Edge's business (it picks keys by kid)
        if (path.startsWith('/id/') && name.endsWith(' kid')) continue;
        const r = await api(t.edge, method, path, { token });
        expect(r.status, `${name} at ${method} ${path}: ${JSON.stringify(r.body)}`).toBe(401);
        expectError(r, 401);
      }
      const ws = await wsOutcome(t.edge, token);
      expect([401, 4001], `${name} at /ws → ${ws}`).toContain(ws);
    }
    // and logout-all above never ran for A: the real token still works
    expect((await api(t.edge, 'GET', '/id/me', { token: w.a.access })).status).toBe(200);
  });

  it('a partial token works only on the 2FA calls; an access token never does', async () => {
    // access tokens (real and well-forged) are refused by the 2FA calls
    for (const token of [w.a.access, await sign({})]) {
      for (const [path, body] of [
        ['/id/auth/2fa/setup', undefined],
        ['/id/auth/2fa/verify', { code: totp(w.a.totpSecret) }],
        ['/id/auth/2fa/recover', { recovery_code: 'aaaa-bbbb' }],
      ] as const) {
        const r = await api(t.edge, 'POST', path, { token, body });
        expectError(r, 401);
      }
    }
    // a forged partial token with the wrong audience is refused there too
    const wrongAud = await sign({ typ: 'partial' });
    expectError(
      await api(t.edge, 'POST', '/id/auth/2fa/verify', { token: wrongAud, body: { code: '000000' } }),
      401,
    );
    // the real partial token does work there (A has 2FA on: verify with the current code)
    const ok = await api<{ access_token: string }>(t.edge, 'POST', '/id/auth/2fa/verify', {
      token: partial,
      body: { code: totp(w.a.totpSecret, Date.now(), 1) },
    });
    expect(ok.status).toBe(200);
    expect(typeof ok.body.access_token).toBe('string');
  });

  it('the Authorization header must be a Bearer token; the query token is only for /ws', async () => {
    for (const header of [
      w.a.access,
      `Basic ${w.a.access}`,
      `Bearer`,
      `Bearer ${w.a.access} extra`,
      `Token ${w.a.access}`,
    ]) {
      expectError(await api(t.edge, 'GET', '/api/me/servers', { headers: { authorization: header } }), 401);
    }
    expectError(await api(t.edge, 'GET', `/api/me/servers?token=${w.a.access}`), 401);
  });
});
