import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type EchoBody } from '../test/fake-upstream.ts';
import { startTestEdge, TEST_SECRET, type TestEdge } from '../test/harness.ts';
import { ATTACKS } from '../test/attacks.ts';
import { sendChunked } from '../test/chunked.ts';

type ErrorBody = { error: { code: string; message: string } };

async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

describe('edge proxy', () => {
  let t: TestEdge;
  beforeAll(async () => {
    t = await startTestEdge({ overrides: { BODY_LIMIT: '1024' } });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('/api token check', () => {
    it.each(ATTACKS)('%s → 401 with its code, never forwarded', async (_name, make, code) => {
      const token = await make(t.kit);
      const res = await call(`${t.url}/api/servers`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).error.code).toBe(code);
    });

    it('a malformed Authorization header → 401', async () => {
      const token = await t.kit.access('42');
      const res = await call(`${t.url}/api/servers`, { headers: { authorization: `Basic ${token}` } });
      expect(res.status).toBe(401);
    });

    it('a valid token is forwarded with x-user-id and the secret; Authorization removed; prefix stripped', async () => {
      const token = await t.kit.access('123456789');
      const res = await call(`${t.url}/api/servers/5/channels?limit=3`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const echo = res.body as EchoBody;
      expect(echo.url).toBe('/servers/5/channels?limit=3');
      expect(echo.headers['x-user-id']).toBe('123456789');
      expect(echo.headers['x-internal-secret']).toBe(TEST_SECRET);
      expect(echo.headers.authorization).toBeUndefined();
    });

    it('client x-user-id / x-internal-secret are replaced, not passed on', async () => {
      const token = await t.kit.access('777');
      const { port } = new URL(t.url);
      // a Connection header naming them must not make the proxy drop its own values either
      const echo = await new Promise<EchoBody>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/me/servers',
            headers: {
              authorization: `Bearer ${token}`,
              'x-user-id': '1',
              'x-internal-secret': 'guess',
              connection: 'x-user-id, x-internal-secret',
            },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(JSON.parse(body) as EchoBody));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(echo.headers['x-user-id']).toBe('777');
      expect(echo.headers['x-internal-secret']).toBe(TEST_SECRET);
      const plain = await call(`${t.url}/api/me/servers`, {
        headers: { authorization: `Bearer ${token}`, 'x-user-id': '1', 'x-internal-secret': 'guess' },
      });
      expect((plain.body as EchoBody).headers['x-user-id']).toBe('777');
      expect((plain.body as EchoBody).headers['x-internal-secret']).toBe(TEST_SECRET);
    });

    it('JSON bodies and methods pass through unchanged', async () => {
      const token = await t.kit.access('9');
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await call(`${t.url}/api/channels/1/messages`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{"content":"Hello!", "x": [1,2]}',
        });
        expect(res.status).toBe(200);
        const echo = res.body as EchoBody;
        expect(echo.method).toBe(method);
        expect(echo.body).toBe('{"content":"Hello!", "x": [1,2]}');
        expect(echo.headers['content-type']).toBe('application/json');
      }
    });

    it('the request id travels to the upstream and back', async () => {
      const token = await t.kit.access('9');
      const res = await call(`${t.url}/api/x`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-abc-123' },
      });
      expect((res.body as EchoBody).headers['x-request-id']).toBe('req-abc-123');
      expect(res.headers.get('x-request-id')).toBe('req-abc-123');
      const res2 = await call(`${t.url}/api/x`, { headers: { authorization: `Bearer ${token}` } });
      const generated = res2.headers.get('x-request-id');
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect((res2.body as EchoBody).headers['x-request-id']).toBe(generated);
    });
  });

  describe('/id', () => {
    it('forwards without a token check, keeping Authorization, stripping the prefix', async () => {
      const res = await call(`${t.url}/id/auth/2fa/setup`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer partial-token-here',
          'x-internal-secret': 'nope',
          'x-user-id': '5',
        },
      });
      expect(res.status).toBe(200);
      const echo = res.body as EchoBody;
      expect(echo.url).toBe('/auth/2fa/setup');
      expect(echo.headers.authorization).toBe('Bearer partial-token-here');
      expect(echo.headers['x-internal-secret']).toBeUndefined();
      expect(echo.headers['x-user-id']).toBeUndefined();
      expect(echo.headers['x-request-id']).toBeTruthy();
    });

    it('serves the JWKS through the Edge', async () => {
      const res = await call(`${t.url}/id/.well-known/jwks.json`);
      expect(res.status).toBe(200);
      expect((res.body as { keys: unknown[] }).keys).toHaveLength(1);
    });
  });

  describe('body limit', () => {
    it('a declared body over BODY_LIMIT → 413 payload_too_large (/api and /id)', async () => {
      const token = await t.kit.access('9');
      for (const path of ['/api/channels/1/messages', '/id/auth/register']) {
        const res = await call(`${t.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'x'.repeat(2000) }),
        });
        expect(res.status).toBe(413);
        expect((res.body as ErrorBody).error.code).toBe('payload_too_large');
      }
    });

    it('a chunked body crossing BODY_LIMIT → 413', async () => {
      const token = await t.kit.access('9');
      const res = await sendChunked(
        `${t.url}/api/upload`,
        Array.from({ length: 8 }, () => Buffer.alloc(400, 1)),
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    });

    it('a chunked body under the limit passes', async () => {
      const token = await t.kit.access('9');
      const res = await sendChunked(`${t.url}/api/upload`, ['hello ', 'world'], {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      });
      expect((JSON.parse(res.body) as EchoBody).body).toBe('hello world');
    });
  });

  describe('CORS', () => {
    it('preflight from the allowed origin is answered with every method the API uses', async () => {
      const res = await fetch(`${t.url}/api/servers/1`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const methods = res.headers.get('access-control-allow-methods') ?? '';
      for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect(methods).toContain(m);
      expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain(
        'authorization',
      );
      expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('content-type');
      expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain(
        'x-audit-log-reason',
      );
      expect(t.official.accessCalls).toHaveLength(0);
    });

    it('preflight from another origin gets no allow-origin', async () => {
      const res = await fetch(`${t.url}/api/servers/1`, {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'DELETE' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('actual responses carry the allow-origin header for the allowed origin only', async () => {
      const token = await t.kit.access('9');
      const ok = await fetch(`${t.url}/api/x`, {
        headers: { authorization: `Bearer ${token}`, origin: 'http://localhost:5173' },
      });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const denied = await fetch(`${t.url}/id/x`, { headers: { origin: 'http://evil.example' } });
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      // a 401 must be readable by the allowed browser client too
      const unauth = await fetch(`${t.url}/api/x`, { headers: { origin: 'http://localhost:5173' } });
      expect(unauth.status).toBe(401);
      expect(unauth.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });
  });

  describe('health', () => {
    it('/healthz answers', async () => {
      const res = await call(`${t.url}/healthz`);
      expect(res.status).toBe(200);
    });

    it('/readyz is 200 while both upstreams answer, 503 not_ready otherwise', async () => {
      expect((await call(`${t.url}/readyz`)).status).toBe(200);
      t.official.healthy = false;
      try {
        const res = await call(`${t.url}/readyz`);
        expect(res.status).toBe(503);
        expect((res.body as ErrorBody).error.code).toBe('not_ready');
        expect((res.body as ErrorBody).error.message).toContain('official');
      } finally {
        t.official.healthy = true;
      }
    });
  });

  it("the services' operational paths are never reached through the Edge", async () => {
    const headers = { authorization: `Bearer ${await t.kit.access('42')}` };
    for (const path of [
      '/id/metrics',
      '/id/readyz',
      '/id/healthz/',
      '/id/%6Detrics',
      '/id/METRICS',
      '/api/metrics',
      '/api/metrics?x=1',
      '/api/readyz',
    ]) {
      const res = await call(`${t.url}${path}`, { headers });
      expect([path, res.status, (res.body as ErrorBody).error?.code]).toEqual([path, 404, 'unknown_route']);
    }
    // a path that only starts like one is forwarded as usual
    const echo = await call(`${t.url}/id/metrics-like`);
    expect(echo.status).toBe(200);
  });

  it('unknown non-proxied paths → 404 in the error format', async () => {
    const res = await call(`${t.url}/nope.txt`);
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error.code).toBe('unknown_route');
  });

  it('without a web build, / says how to make one', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('make web-build');
  });
});

describe('edge proxy: upstream failures', () => {
  it('an unreachable upstream → 503 unavailable at once, never a hang', async () => {
    const dead = await startFakeUpstream();
    const deadUrl = dead.url;
    await dead.close();
    const t = await startTestEdge({ overrides: { IDENTITY_URL: deadUrl } });
    try {
      const started = Date.now();
      const res = await call(`${t.url}/id/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(503);
      expect((res.body as ErrorBody).error.code).toBe('unavailable');
      // no keys can be fetched either: /api answers 503, not 401 or a hang
      const api = await call(`${t.url}/api/servers`, {
        headers: { authorization: `Bearer ${await t.kit.access('1')}` },
      });
      expect(api.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await call(`${t.url}/readyz`)).status).toBe(503);
    } finally {
      await t.close();
    }
  });

  it('an upstream that drops the connection mid-answer → 502 bad_gateway', async () => {
    const t = await startTestEdge();
    try {
      const token = await t.kit.access('1');
      const res = await call(`${t.url}/api/__destroy`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(502);
      expect((res.body as ErrorBody).error.code).toBe('bad_gateway');
    } finally {
      await t.close();
    }
  });
});

describe('edge proxy: JWKS refresh', () => {
  it('refetches on an unknown kid, at most once per cooldown', async () => {
    const t = await startTestEdge();
    try {
      const good = await t.kit.access('1');
      expect((await call(`${t.url}/api/a`, { headers: { authorization: `Bearer ${good}` } })).status).toBe(
        200,
      );
      expect(t.identity.jwksHits).toBe(1);
      for (let i = 0; i < 5; i++) {
        const unknownKid = await t.kit.sign({ sub: '1' }, { kid: `rotated-${i}` });
        expect(
          (await call(`${t.url}/api/a`, { headers: { authorization: `Bearer ${unknownKid}` } })).status,
        ).toBe(401);
      }
      // the first fetch was just now: the cooldown keeps forged kids from hammering Identity
      expect(t.identity.jwksHits).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('picks up a rotated key after the cooldown', async () => {
    const t = await startTestEdge();
    try {
      expect(
        (await call(`${t.url}/api/a`, { headers: { authorization: `Bearer ${await t.kit.access('1')}` } }))
          .status,
      ).toBe(200);
      const { makeTokenKit } = await import('../test/tokens.ts');
      const next = await makeTokenKit();
      t.identity.jwks = { keys: [...t.kit.jwks.keys, ...next.jwks.keys] };
      // pretend the last fetch was longer ago than the cooldown
      (t.edge.verifier.jwks as unknown as { lastFetch: number }).lastFetch = 0;
      const rotated = await next.access('2');
      const res = await call(`${t.url}/api/a`, { headers: { authorization: `Bearer ${rotated}` } });
      expect(res.status).toBe(200);
      expect((res.body as EchoBody).headers['x-user-id']).toBe('2');
      expect(t.identity.jwksHits).toBe(2);
    } finally {
      await t.close();
    }
  });
});

describe('edge: web client', () => {
  let dist: string;
  let t: TestEdge;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'edge-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>twopointo app</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await startTestEdge({ overrides: { WEB_DIST: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and built assets', async () => {
    const root = await fetch(`${t.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('twopointo app');
    const asset = await fetch(`${t.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('client routes fall back to index.html; API paths and missing files do not', async () => {
    const invite = await fetch(`${t.url}/invite/ABCDEF`);
    expect(invite.status).toBe(200);
    expect(await invite.text()).toContain('twopointo app');
    const missingAsset = await fetch(`${t.url}/assets/missing.js`);
    expect(missingAsset.status).toBe(404);
    const api = await fetch(`${t.url}/api/servers`);
    expect(api.status).toBe(401);
    const ws = await fetch(`${t.url}/ws`);
    expect(ws.status).toBe(404);
  });
});
