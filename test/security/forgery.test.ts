/**
 * The Edge → Official trust boundary: a client can never choose who it is (X-User-ID), never
 * present the internal secret, and never reach Official's internal routes through the Edge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSnowflake } from '@twopointo/shared';
import { api } from '../helpers/client.ts';
import { buildWorld, expectError, startSystem, type TestSystem, type World } from './harness.ts';

describe('X-User-ID and x-internal-secret forgery', () => {
  let t: TestSystem;
  let w: World;
  let official: string;
  let secret: string;

  beforeAll(async () => {
    t = await startSystem({ env: { INTERNAL_SECRET: 'forgery-test-secret-0123456789abcdef' } });
    w = await buildWorld(t.edge);
    official = t.sys.officialUrl;
    secret = t.env.INTERNAL_SECRET!;
  });
  afterAll(async () => t?.close());

  it('through the Edge, a forged x-user-id (with or without a token) is ignored', async () => {
    // B's token, claiming to be A: B sees B's servers only
    const mine = await api<{ servers: { id: string }[] }>(t.edge, 'GET', '/api/me/servers', {
      token: w.b.access,
      headers: { 'x-user-id': w.a.userId, 'x-internal-secret': secret },
    });
    expect(mine.status).toBe(200);
    expect(mine.body.servers.map((s) => s.id)).toEqual([w.bSid]);
    const read = await api(t.edge, 'GET', `/api/channels/${w.cid}/messages`, {
      token: w.b.access,
      headers: { 'x-user-id': w.a.userId, 'X-User-Id': w.a.userId },
    });
    expectError(read, 404);
    expect(JSON.stringify(read.body)).not.toContain(w.secret);
    // no token at all: 401 whatever the headers say
    for (const headers of [
      { 'x-user-id': w.a.userId } as Record<string, string>,
      { 'x-user-id': w.a.userId, 'x-internal-secret': secret },
      { 'x-internal-secret': secret },
    ]) {
      const r = await api(t.edge, 'GET', '/api/me/servers', { headers });
      expectError(r, 401, 'missing_token');
    }
  });

  it('Official refuses any caller without the right secret (direct, bypassing the Edge)', async () => {
    const cases: Record<string, string>[] = [
      { 'x-user-id': w.a.userId },
      { 'x-user-id': w.a.userId, 'x-internal-secret': 'wrong' },
      { 'x-user-id': w.a.userId, 'x-internal-secret': secret.slice(0, -1) },
      { 'x-user-id': w.a.userId, 'x-internal-secret': secret + 'x' },
      { 'x-user-id': w.a.userId, 'x-internal-secret': '' },
      { 'x-user-id': w.a.userId, authorization: `Bearer ${w.a.access}` },
    ];
    for (const headers of cases) {
      for (const [method, path] of [
        ['GET', '/me/servers'],
        ['GET', `/channels/${w.cid}/messages`],
        ['GET', `/servers/${w.sid}`],
        ['POST', '/internal/gateway/access'],
      ] as const) {
        const r = await api(official, method, path, {
          headers,
          body: method === 'POST' ? { user_id: w.a.userId, server_id: w.sid } : undefined,
        });
        expectError(r, 401, 'unauthorized');
      }
    }
    // with the secret, but an x-user-id that is no user or not an id
    for (const uid of ['', '0', '-1', '1e3', '99999999999999999999', `${w.a.userId},${w.b.userId}`]) {
      const r = await api(official, 'GET', '/me/servers', {
        headers: { 'x-internal-secret': secret, 'x-user-id': uid },
      });
      // an id of nobody is what a deleted account's token comes to; anything else is no id at all
      expectError(r, 401, isSnowflake(uid) ? 'unknown_user' : 'unauthorized');
    }
    // and the real thing works, which is what makes the refusals above meaningful
    const ok = await api(official, 'GET', '/me/servers', {
      headers: { 'x-internal-secret': secret, 'x-user-id': w.a.userId },
    });
    expect(ok.status).toBe(200);
  });

  it("Official's internal routes are not reachable through the Edge, however the path is spelled", async () => {
    const body = { user_id: w.a.userId, server_id: w.sid };
    for (const path of [
      '/api/internal/gateway/access',
      '/api/internal/gateway/access/',
      '/api/%69nternal/gateway/access',
      '/api/internal/gateway/%61ccess',
      '/api/internal%2Fgateway%2Faccess',
      '/api//internal/gateway/access',
      '/api/./internal/gateway/access',
      '/api/x/../internal/gateway/access',
      '/api/INTERNAL/gateway/access',
    ]) {
      const r = await api(t.edge, 'POST', path, { token: w.b.access, body });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(JSON.stringify(r.body), path).not.toContain(w.cid);
      expect(JSON.stringify(r.body), path).not.toContain('"member"');
    }
  });

  it('the Edge does not pass the internal secret or Authorization on to Official, nor client claims to Identity', async () => {
    // Identity gets the Authorization header (it checks its own tokens) but never our secret:
    // /id/me answers for the token's user, never for a forged header
    const me = await api<{ id: string }>(t.edge, 'GET', '/id/me', {
      token: w.b.access,
      headers: { 'x-user-id': w.a.userId, 'x-internal-secret': secret },
    });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(w.b.userId);
  });
});
