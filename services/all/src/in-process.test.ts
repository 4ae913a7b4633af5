/**
 * The all-in-one serves /id and /api in process (Identity's and Official's route plugins on the
 * Edge's server) under the same trust rules as the proxy: the same system is started both ways
 * and every answer that names no id must be the same, byte for byte; and the in-process system
 * opens no connection to Identity's or Official's port per request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { distributedBackends, type DistributedBackends } from '../../../test/helpers/backends.ts';
import { api, signUp, type Session } from '../../../test/helpers/client.ts';
import { startAll, type RunningSystem } from './index.ts';

const SECRET = 'in-process-test-secret-0123456789abcdef';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface Started {
  sys: RunningSystem;
  sink: Sink;
  /** connections accepted by Identity's and Official's own ports since start */
  connections: { identity: number; official: number };
  close(): Promise<void>;
}

async function start(inProcess: boolean, backend: 'pglite' | 'postgres'): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-inproc-'));
  const backends: DistributedBackends | undefined =
    backend === 'postgres' ? await distributedBackends() : undefined;
  const sink = new Sink();
  const sys = await startAll({
    dataDir,
    ports: { identity: 0, official: 0, edge: 0 },
    env: {
      ...backends?.env,
      DEV_DB_SOCKET_PORT: '0',
      INTERNAL_SECRET: SECRET,
      BODY_LIMIT: '4096',
      LOG_LEVEL: 'info',
      JANUS_BINARY: '/nonexistent/janus',
    },
    logDestination: sink,
    inProcess,
  });
  const connections = { identity: 0, official: 0 };
  sys.identity.app.server.on('connection', () => connections.identity++);
  sys.official.app.server.on('connection', () => connections.official++);
  return {
    sys,
    sink,
    connections,
    close: async () => {
      await sys.close();
      await backends?.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request with a body the client streams in chunks (no Content-Length). */
function chunked(
  base: string,
  path: string,
  bytes: number,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on('error', reject);
    const chunk = `{"content":"${'x'.repeat(bytes)}"}`;
    for (let i = 0; i < chunk.length; i += 1024) req.write(chunk.slice(i, i + 1024));
    req.end();
  });
}

/** What a signed-out or badly-signed client gets: no ids in it, so both mounts must agree exactly. */
async function idFreeAnswers(edge: string, alice: Session): Promise<unknown[]> {
  const tampered = alice.access.slice(0, -4) + (alice.access.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const big = { content: 'x'.repeat(5000) };
  const calls: [string, string, Parameters<typeof api>[3]][] = [
    ['GET', '/api/me/servers', {}],
    ['GET', '/api/me/servers', { headers: { 'x-user-id': alice.userId, 'x-internal-secret': SECRET } }],
    ['GET', '/api/me/servers', { headers: { authorization: `Basic ${alice.access}` } }],
    ['GET', '/api/me/servers', { token: 'garbage' }],
    ['GET', '/api/me/servers', { token: tampered }],
    ['POST', '/api/servers', { body: { name: 'S' } }],
    ['POST', '/api/servers', { token: alice.access, body: big }],
    ['POST', '/api/servers', { body: big }],
    ['POST', '/id/auth/login', { body: { email: 'x'.repeat(5000), password: 'y' } }],
    ['POST', '/api/servers', { token: alice.access, body: { name: 5 } }],
    ['POST', '/api/servers', { token: alice.access, headers: { 'content-type': 'application/json' } }],
    ['GET', '/api/nope', {}],
    ['GET', '/api/nope', { token: alice.access }],
    ['PUT', '/api/me/servers', { token: alice.access }],
    ['GET', '/api/metrics', { token: alice.access }],
    ['GET', '/api/healthz', {}],
    ['GET', '/id/metrics', {}],
    ['GET', '/id/readyz', {}],
    ['GET', '/api/internal/gateway/access', { token: alice.access }],
    ['POST', '/api/internal/gateway/access', { token: alice.access, body: {} }],
    ['GET', '/api/invites/nosuchcode', {}],
    ['GET', '/api/images/1/64', {}],
    ['GET', '/id/me', {}],
    ['GET', '/id/me', { token: 'garbage' }],
    ['GET', '/id/nope', {}],
  ];
  const out: unknown[] = [];
  for (const [method, path, opts] of calls) {
    const r = await api(edge, method, path, opts);
    out.push({ call: `${method} ${path}`, status: r.status, body: r.body, allow: r.headers.get('allow') });
  }
  out.push({ call: 'chunked over the limit', ...(await chunked(edge, '/api/servers', 6000, alice.access)) });
  out.push({ call: 'chunked over the limit, no token', ...(await chunked(edge, '/api/servers', 6000)) });
  return out;
}

describe.each(TEST_BACKENDS)('the all-in-one serves /id and /api in process (%s)', (backend) => {
  let inProc: Started;
  let proxied: Started;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    [inProc, proxied] = await Promise.all([start(true, backend), start(false, backend)]);
    [alice, bob] = await Promise.all([signUp(inProc.sys.edgeUrl), signUp(inProc.sys.edgeUrl)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([inProc?.close(), proxied?.close()]);
  });

  it('answers every signed-out, forged, oversized or unknown request as the proxy does', async () => {
    // the same user in both systems (tokens are per system): registered there too
    const proxiedAlice = await signUp(proxied.sys.edgeUrl);
    const mine = await idFreeAnswers(inProc.sys.edgeUrl, alice);
    const theirs = await idFreeAnswers(proxied.sys.edgeUrl, proxiedAlice);
    type Answer = { call: string; status: number; body: { error?: { code: string } }; allow?: string | null };
    // status, error code and Allow: the same, except that an internal route's GET is a plain 404
    // in process where the proxy let Official say 405 (Allow: POST), telling the route exists
    const shape = (a: Answer) =>
      a.call === 'GET /api/internal/gateway/access'
        ? { call: a.call, status: a.status }
        : { call: a.call, status: a.status, code: a.body?.error?.code, allow: a.allow ?? null };
    expect((mine as Answer[]).map(shape)).toEqual(
      (theirs as Answer[]).map((a) =>
        a.call === 'GET /api/internal/gateway/access' ? { call: a.call, status: 404 } : shape(a),
      ),
    );
    // every 401 body is the same byte for byte (messages name no path)
    const unauthorized = (list: unknown[]) => (list as Answer[]).filter((a) => a.status === 401);
    expect(unauthorized(mine).length).toBeGreaterThanOrEqual(8);
    expect(unauthorized(mine)).toEqual(unauthorized(theirs));
    // and they are what the trust rules say
    // the first answer of each call
    const byCall = new Map<string, Answer>();
    for (const a of mine as Answer[]) if (!byCall.has(a.call)) byCall.set(a.call, a);
    expect(byCall.get('GET /api/me/servers')).toMatchObject({
      status: 401,
      body: { error: { code: 'missing_token' } },
    });
    expect(byCall.get('POST /api/servers')).toMatchObject({ status: 401 });
    expect(byCall.get('GET /api/metrics')).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_route' } },
    });
    expect(byCall.get('GET /api/nope')).toMatchObject({ status: 401 });
    expect(byCall.get('PUT /api/me/servers')).toMatchObject({
      status: 405,
      allow: expect.stringContaining('GET'),
    });
    expect(byCall.get('GET /api/invites/nosuchcode')).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_invite' } },
    });
    expect(byCall.get('chunked over the limit')).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large' } },
    });
    expect(byCall.get('POST /id/auth/login')).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large' } },
    });
  });

  it('a forged x-user-id or internal secret from the client is replaced by the token’s user', async () => {
    const sid = (
      await api<{ id: string }>(inProc.sys.edgeUrl, 'POST', '/api/servers', {
        token: alice.access,
        body: { name: 'A' },
      })
    ).body.id;
    const forged = await api<{ servers: { id: string }[] }>(inProc.sys.edgeUrl, 'GET', '/api/me/servers', {
      token: bob.access,
      headers: { 'x-user-id': alice.userId, 'x-internal-secret': 'forged' },
    });
    expect(forged.status).toBe(200);
    expect(forged.body.servers.map((s) => s.id)).not.toContain(sid);
    const own = await api<{ servers: { id: string }[] }>(inProc.sys.edgeUrl, 'GET', '/api/me/servers', {
      token: alice.access,
    });
    expect(own.body.servers.map((s) => s.id)).toContain(sid);
    // Identity gets the token, never the client's claims
    const me = await api<{ id: string }>(inProc.sys.edgeUrl, 'GET', '/id/me', {
      token: bob.access,
      headers: { 'x-user-id': alice.userId, 'x-internal-secret': SECRET },
    });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(bob.userId);
  });

  it('public reads pass without a token: an invite preview', async () => {
    const sid = (
      await api<{ id: string }>(inProc.sys.edgeUrl, 'POST', '/api/servers', {
        token: alice.access,
        body: { name: 'Pub' },
      })
    ).body.id;
    const invite = await api<{ code: string }>(inProc.sys.edgeUrl, 'POST', `/api/servers/${sid}/invites`, {
      token: alice.access,
      body: {},
    });
    expect(invite.status).toBe(201);
    const preview = await api<{ server: { name: string } }>(
      inProc.sys.edgeUrl,
      'GET',
      `/api/invites/${invite.body.code}`,
    );
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body)).toContain('Pub');
  });

  it('keeps the request id, and logs neither the token nor the internal secret', async () => {
    const r = await api(inProc.sys.edgeUrl, 'GET', '/api/me/servers', {
      token: alice.access,
      headers: { 'x-request-id': 'req-inproc-1' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('req-inproc-1');
    await api(inProc.sys.edgeUrl, 'GET', '/api/nope', { token: alice.access });
    // a history page (sent pre-serialised) goes out once, also behind the Edge's async onSend hooks
    const sid = (
      await api<{ id: string }>(inProc.sys.edgeUrl, 'POST', '/api/servers', {
        token: alice.access,
        body: { name: 'H' },
      })
    ).body.id;
    const channels = await api<{ channels: { id: string; type: string }[] }>(
      inProc.sys.edgeUrl,
      'GET',
      `/api/servers/${sid}/channels`,
      { token: alice.access },
    );
    const cid = channels.body.channels.find((c) => c.type === 'text')!.id;
    const page = await api<{ messages: unknown[] }>(
      inProc.sys.edgeUrl,
      'GET',
      `/api/channels/${cid}/messages`,
      {
        token: alice.access,
      },
    );
    expect(page.status).toBe(200);
    expect(inProc.sink.text).not.toContain('Reply was already sent');
    expect(inProc.sink.text).toContain('req-inproc-1');
    expect(inProc.sink.text).not.toContain(SECRET);
    expect(inProc.sink.text).not.toContain(alice.access);
  });

  it('opens no connection to Identity’s or Official’s port per request (the proxy does)', async () => {
    const run = async (s: Started, who: Session) => {
      const sid = (
        await api<{ id: string }>(s.sys.edgeUrl, 'POST', '/api/servers', {
          token: who.access,
          body: { name: 'C' },
        })
      ).body.id;
      const before = { ...s.connections };
      for (let i = 0; i < 20; i++) {
        expect((await api(s.sys.edgeUrl, 'GET', `/api/servers/${sid}`, { token: who.access })).status).toBe(
          200,
        );
        expect((await api(s.sys.edgeUrl, 'GET', '/id/me', { token: who.access })).status).toBe(200);
      }
      return {
        identity: s.connections.identity - before.identity,
        official: s.connections.official - before.official,
      };
    };
    expect(await run(inProc, alice)).toEqual({ identity: 0, official: 0 });
    // nothing at all reached Official's port; Identity's only for the JWKS (fetched once, cached)
    expect(inProc.connections.official).toBe(0);
    expect(inProc.connections.identity).toBeLessThanOrEqual(1);
    // the counters do count: the proxied system reaches both ports
    await run(proxied, await signUp(proxied.sys.edgeUrl));
    expect(proxied.connections.official).toBeGreaterThan(0);
    expect(proxied.connections.identity).toBeGreaterThan(0);
  });

  it('counts the sign-ins it serves on Identity’s /metrics (last: it connects to Identity’s port)', async () => {
    const scrape = async () => (await fetch(`${inProc.sys.identityUrl}/metrics`)).text();
    const value = (text: string, series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.slice(series.length + 1) ?? 0,
      );
    const before = await scrape();
    await signUp(inProc.sys.edgeUrl);
    const after = await scrape();
    for (const series of [
      'identity_logins_total{result="ok"}',
      'identity_sessions_started_total{via="totp"}',
    ])
      expect(value(after, series) - value(before, series), series).toBe(1);
  });
});
