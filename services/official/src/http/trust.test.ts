import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions } from '@twopointo/shared';
import { SECRET, startHarness, type Harness, type TestUser } from '../test/official-harness.ts';
import { secretChecker } from './trust.ts';

describe('secretChecker', () => {
  it('compares in constant time over digests and refuses missing or repeated headers', () => {
    const matches = secretChecker('abc');
    expect(matches('abc')).toBe(true);
    expect(matches('abd')).toBe(false);
    expect(matches('abcd')).toBe(false);
    expect(matches(undefined)).toBe(false);
    expect(matches(['abc', 'abc'])).toBe(false);
  });
});

describe.each(TEST_BACKENDS)('trust boundary, system routes and gateway access on %s', (backend) => {
  let h: Harness;
  let user: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    user = await h.user('u');
    other = await h.user('o');
  });
  afterAll(() => h?.close());

  it.each([
    ['no headers', {}, 'unauthorized'],
    ['no secret', { 'x-user-id': '1' }, 'unauthorized'],
    ['a wrong secret', { 'x-internal-secret': 'wrong', 'x-user-id': '1' }, 'unauthorized'],
    ['a secret that is a prefix', { 'x-internal-secret': SECRET.slice(0, -1) }, 'unauthorized'],
    ['the secret but no user', { 'x-internal-secret': SECRET }, 'unauthorized'],
    ['a non-snowflake user', { 'x-internal-secret': SECRET, 'x-user-id': 'alice' }, 'unauthorized'],
    [
      'an overflowing user id',
      { 'x-internal-secret': SECRET, 'x-user-id': '99999999999999999999' },
      'unauthorized',
    ],
    // what a still valid token of a deleted account comes to: the same code as at Identity
    ['an unknown user', { 'x-internal-secret': SECRET, 'x-user-id': '123456789' }, 'unknown_user'],
  ])('401 with %s', async (_what, headers, code) => {
    for (const [method, path] of [
      ['GET', '/me/servers'],
      ['POST', '/servers'],
      ['GET', '/no/such/route'],
    ]) {
      const res = await h.call(method!, path!, { headers });
      expect([res.status, res.body.error.code]).toEqual([401, code]);
    }
  });

  it('a JWT in Authorization means nothing here', async () => {
    const res = await h.call('GET', '/me/servers', { headers: { authorization: 'Bearer x.y.z' } });
    expect(res.status).toBe(401);
  });

  it('unknown routes behind the secret are 404 in the error format', async () => {
    const res = await h.call('GET', '/nope', { as: user });
    expect([res.status, res.body.error.code]).toEqual([404, 'unknown_route']);
  });

  it('/healthz, /readyz, /metrics, /openapi.json need no secret', async () => {
    expect(await h.call('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await h.call('GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ok', database: true, bus: true, cache: true },
    });
    const metrics = await fetch(`${h.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('official_process_cpu_user_seconds_total');
    expect(text).toContain('official_nodejs_eventloop_lag_seconds');
    expect(text).toMatch(
      /official_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    const doc = await h.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/servers',
      '/me/servers',
      '/servers/{sid}',
      '/channels/{cid}/messages',
      '/invites/{code}/accept',
      '/channels/{cid}/overwrites/{target_id}',
    ]) {
      expect(paths).toContain(p);
    }
    // the public document holds what the Edge exposes
    for (const p of ['/internal/gateway/access', '/healthz', '/readyz', '/metrics'])
      expect(paths).not.toContain(p);
  });

  it('/readyz is 503 when the bus is down', async () => {
    const healthy = h.bus.healthy;
    h.bus.healthy = async () => false;
    try {
      expect(await h.call('GET', '/readyz')).toMatchObject({
        status: 503,
        body: { status: 'unavailable', database: true, bus: false },
      });
    } finally {
      h.bus.healthy = healthy;
    }
  });

  it('/readyz is 503 when the cache is down', async () => {
    const healthy = h.cache.healthy;
    h.cache.healthy = async () => {
      throw new Error('connection refused');
    };
    try {
      expect(await h.call('GET', '/readyz')).toMatchObject({
        status: 503,
        body: { status: 'unavailable', database: true, bus: true, cache: false },
      });
    } finally {
      h.cache.healthy = healthy;
    }
  });

  it('a known path with the wrong method is 405 with Allow, in the error format', async () => {
    const sid = (await h.call('POST', '/servers', { as: user, body: { name: 'Methods' } })).body.id;
    const wrong = await h.call('PUT', `/servers/${sid}/invites`, { as: user });
    expect([wrong.status, wrong.body.error.code]).toEqual([405, 'method_not_allowed']);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    const health = await h.call('POST', '/healthz');
    expect([health.status, health.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    // an unknown path stays 404, whatever the method
    expect((await h.call('DELETE', '/no/such/route', { as: user })).status).toBe(404);
  });

  describe('POST /internal/gateway/access', () => {
    const access = (body: unknown, headers: Record<string, string> = { 'x-internal-secret': SECRET }) =>
      h.call('POST', '/internal/gateway/access', { body, headers });

    it('needs the secret but no user', async () => {
      expect((await access({ user_id: user.id, server_id: '1' }, {})).status).toBe(401);
      expect(
        (await access({ user_id: user.id, server_id: '1' }, { 'x-internal-secret': 'nope' })).status,
      ).toBe(401);
    });

    it('answers member and the viewable channels', async () => {
      const sid = (await h.call('POST', '/servers', { as: user, body: { name: 'G' } })).body.id;
      // the #general a server starts with is out of the way: only a and b are in question here
      const general = (await h.call('GET', `/servers/${sid}/channels`, { as: user })).body.channels[0].id;
      await h.call('DELETE', `/channels/${general}`, { as: user });
      const a = (await h.call('POST', `/servers/${sid}/channels`, { as: user, body: { name: 'a' } })).body.id;
      const b = (await h.call('POST', `/servers/${sid}/channels`, { as: user, body: { name: 'b' } })).body.id;
      const code = (await h.call('POST', `/servers/${sid}/invites`, { as: user })).body.code;
      expect(await access({ user_id: other.id, server_id: sid })).toMatchObject({
        status: 200,
        body: { member: false, channel_ids: [] },
      });
      expect((await access({ user_id: other.id, server_id: '1' })).body).toEqual({
        member: false,
        channel_ids: [],
      });
      await h.call('POST', `/invites/${code}/accept`, { as: other });
      await h.call('PUT', `/channels/${b}/overwrites/${other.id}`, {
        as: user,
        body: { type: 'member', deny: String(Permissions.VIEW_CHANNEL) },
      });
      expect((await access({ user_id: other.id, server_id: sid })).body).toEqual({
        member: true,
        channel_ids: [a],
      });
      expect((await access({ user_id: user.id, server_id: sid })).body).toEqual({
        member: true,
        channel_ids: [a, b],
      });
      expect((await access({ user_id: other.id, server_id: sid, channel_ids: [b, a, '42'] })).body).toEqual({
        member: true,
        channel_ids: [a],
      });
      expect((await access({ user_id: other.id, server_id: sid, channel_ids: [] })).body).toEqual({
        member: true,
        channel_ids: [],
      });
      // a channel of another server is never reported
      const sid2 = (await h.call('POST', '/servers', { as: other, body: { name: 'H' } })).body.id;
      const c2 = (await h.call('POST', `/servers/${sid2}/channels`, { as: other, body: { name: 'c' } })).body
        .id;
      expect((await access({ user_id: other.id, server_id: sid, channel_ids: [c2, a] })).body).toEqual({
        member: true,
        channel_ids: [a],
      });
    });

    it.each([
      [{}, 'body.user_id'],
      [{ user_id: 'x', server_id: '1' }, 'body.user_id'],
      [{ user_id: '1' }, 'body.server_id'],
      [{ user_id: '1', server_id: '1', channel_ids: 'a' }, 'body.channel_ids'],
      [{ user_id: '1', server_id: '1', channel_ids: ['a'] }, 'body.channel_ids'],
    ])('rejects %j naming %s', async (body, field) => {
      const res = await access(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });
  });
});
