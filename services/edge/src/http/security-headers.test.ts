/** Security headers on every Edge answer: the web client, the Edge's own JSON, proxied answers. */
import { MemoryBus } from '@twopointo/bus';
import { MemoryCache } from '@twopointo/cache';
import { S3Storage } from '@twopointo/storage';
import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from '../config.ts';
import { startEdge } from '../index.ts';
import { TEST_SECRET } from '../test/harness.ts';
import { rawRequest, useWebEdge } from '../test/raw-http.ts';
import { PERMISSIONS_POLICY } from './security-headers.ts';

/** The CSP as directive → sources. */
function csp(header: string | string[] | undefined): Record<string, string[]> {
  expect(typeof header).toBe('string');
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('edge security headers', () => {
  const edge = useWebEdge();

  it('the web client gets a strict CSP: own scripts only, no framing, the gateway reachable', async () => {
    const res = await rawRequest(`${edge.t.url}/`);
    expect(res.status).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    const host = new URL(edge.t.url).host;
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['script-src-attr']).toEqual(["'none'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['img-src']).toEqual(["'self'", 'blob:', 'data:']);
    expect(policy['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(policy['upgrade-insecure-requests']).toBeUndefined();
  });

  it.each([
    ['the web client', 'GET', '/'],
    ['a bundle', 'GET', '/assets/index-AbC123.js'],
    ['an SPA route', 'GET', '/invite/abc'],
    ['an /api refusal', 'GET', '/api/me'],
    ['a proxied answer', 'GET', '/id/whatever'],
    ['a 404', 'GET', '/nope.txt'],
    ['a 405', 'POST', '/healthz'],
    ['readiness', 'GET', '/readyz'],
  ])(
    '%s carries nosniff, Referrer-Policy, Permissions-Policy, frame and CSP headers',
    async (_what, method, path) => {
      const res = await rawRequest(edge.t.url + path, { method });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
      expect(res.headers['permissions-policy']).toContain('microphone=(self)');
      expect(res.headers['permissions-policy']).toContain('camera=(self)');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // plain http: no HSTS (a browser would pin https for a year)
      expect(res.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('with an https PUBLIC_URL and S3 storage: HSTS, wss of the public host, the bucket allowed', async () => {
    const bus = new MemoryBus();
    const cache = new MemoryCache();
    const storage = new S3Storage({
      endpoint: 'http://127.0.0.1:9000',
      publicEndpoint: 'https://files.example.org:8443',
      region: 'us-east-1',
      bucket: 'b',
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
    const config = readEdgeConfig(
      {
        HOST: '127.0.0.1',
        EDGE_PORT: '0',
        IDENTITY_URL: edge.t.identity.url,
        OFFICIAL_URL: edge.t.official.url,
        INTERNAL_SECRET: TEST_SECRET,
        LOG_LEVEL: 'silent',
        WEB_DIST: edge.web.dir,
        PUBLIC_URL: 'https://chat.example.org',
      },
      {},
    );
    const secure = await startEdge({ config, bus, cache, storage });
    try {
      const res = await rawRequest(`${secure.url}/`);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['connect-src']).toEqual([
        "'self'",
        'wss://chat.example.org',
        'https://files.example.org:8443',
      ]);
      expect(policy['img-src']).toEqual(["'self'", 'blob:', 'data:', 'https://files.example.org:8443']);
      expect(policy['upgrade-insecure-requests']).toEqual([]);
    } finally {
      await secure.close();
      await bus.close();
      await cache.close();
    }
  });
});
