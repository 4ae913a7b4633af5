/**
 * PostgreSQL goes away (a private server, stopped with pg_ctl -m fast): requests that need it
 * answer 503 `unavailable` in the error format, each within 5 s, none hanging; what does not need
 * it (token checks, health, what the read caches hold) keeps working; once PostgreSQL is back the services recover by
 * themselves, the outbox drains and the gateway delivers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, subscribedChannel, type GatewayClient, type Session } from '../helpers/client.ts';
import { TEST_NATS_URL } from '../../packages/bus/src/test-support.ts';
import { expectError, pool, sleep, startSystem, type TestSystem } from '../security/harness.ts';
import { startPostgres, type PostgresHandle } from './postgres-server.ts';
import { backendsWithNats, unpublished, until } from './support.ts';

describe('PostgreSQL outage', () => {
  let pgs: PostgresHandle;
  let t: TestSystem;
  let a: Session;
  let sid: string;
  let cid: string;
  let client: GatewayClient;

  beforeAll(async () => {
    pgs = await startPostgres();
    const backends = await backendsWithNats(TEST_NATS_URL, pgs.url);
    t = await startSystem({ backends, env: { RATE_LIMITS: 'off' } });
    ({ session: a, sid, cid, client } = await subscribedChannel(t.edge));
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
    await t?.backends.cleanup();
    await pgs?.cleanup();
  });

  it('answers 503 quickly while it is down, and recovers by itself when it returns', async () => {
    const email = `${a.username}@example.com`;
    const calls: [string, string, { token?: string; body?: unknown }][] = [
      ['POST', `/api/channels/${cid}/messages`, { token: a.access, body: { content: 'during' } }],
      ['GET', `/api/channels/${cid}/messages`, { token: a.access }],
      ['GET', '/api/me/servers', { token: a.access }],
      ['GET', `/api/servers/${sid}`, { token: a.access }],
      ['POST', '/api/servers', { token: a.access, body: { name: 'x' } }],
      ['POST', `/api/channels/${cid}/typing`, { token: a.access }],
      ['POST', '/id/auth/login', { body: { email, password: 'S3cretPass!' } }],
      [
        'POST',
        '/id/auth/register',
        {
          body: {
            email: `n${Date.now()}@example.com`,
            username: `n${Date.now().toString(36)}`,
            password: 'S3cretPass!',
          },
        },
      ],
      ['POST', '/id/auth/refresh', { body: { refresh_token: a.refresh } }],
      ['GET', '/id/me', { token: a.access }],
    ];
    // The new server's own events (channel, member, role) may still be on their way through the
    // outbox and bus; each one drops the Edge's cached access answers for the server. A message
    // posted now travels behind them, so once it arrives they have all been seen, and the
    // SUBSCRIBE after it leaves an answer that stays cached through the outage.
    await api(t.edge, 'POST', `/api/channels/${cid}/messages`, {
      token: a.access,
      body: { content: 'before' },
    });
    await client.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE', 10_000);
    const warmed = client.next({ op: 'SUBSCRIBED' }, 8000);
    client.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await warmed;

    const stoppedAt = Date.now();
    await pgs.stop();
    const stopMs = Date.now() - stoppedAt;

    let slowest = 0;
    const seen = new Map<string, number>();
    // three waves over the outage, each all at once: nothing may queue up behind a dead pool
    for (let wave = 0; wave < 3; wave++) {
      await pool(calls, calls.length, async ([method, path, opts]) => {
        const start = Date.now();
        const r = await api(t.edge, method, path, opts);
        const ms = Date.now() - start;
        slowest = Math.max(slowest, ms);
        expect(ms, `${method} ${path} took ${ms} ms`).toBeLessThan(5000);
        seen.set(`${method} ${path}`, r.status);
        // typing needs only the caller's channel context, which the post before the outage left
        // in Official's read cache: it keeps working
        if (path.endsWith('/typing')) return expect(r.status, JSON.stringify(r.body)).toBe(204);
        expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(503);
        expectError(r, 503, 'unavailable');
      });
      await sleep(700);
    }
    // a SUBSCRIBE the Edge already answered is served from its access cache (no access change
    // has happened); one it must ask Official about says unavailable; neither the token check
    // nor liveness depend on the database
    const before = client.frames.length;
    client.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await client.waitFor((f) => client.frames.indexOf(f) >= before && f.op === 'SUBSCRIBED', 8000);
    client.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid, '1'] } });
    const err = await client.waitFor((f) => f.op === 'ERROR', 8000);
    expect(err).toMatchObject({ d: { code: 'unavailable' } });
    expect((await api(t.edge, 'GET', '/healthz')).status).toBe(200);
    expectError(await api(t.edge, 'GET', '/api/me/servers', { token: 'bad' }), 401);
    expect((await api(t.sys.officialUrl, 'GET', '/readyz')).status).toBe(503);
    expect((await api(t.sys.identityUrl, 'GET', '/readyz')).status).toBe(503);
    const outageMs = Date.now() - stoppedAt;

    const restartAt = Date.now();
    await pgs.start();
    let recoveredMs = 0;
    await until(
      async () => {
        const r = await api(t.edge, 'POST', `/api/channels/${cid}/messages`, {
          token: a.access,
          body: { content: 'after' },
        });
        recoveredMs = Date.now() - restartAt;
        return r.status === 201;
      },
      30_000,
      'Official to write again',
    );
    await client.waitFor(
      (f) =>
        f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { content?: string }).content === 'after',
      10_000,
    );
    for (const [method, path, opts] of calls) {
      if (path === '/id/auth/refresh') continue; // a refresh token is single-use; checked below
      const r = await api(t.edge, method, path, opts);
      expect(r.status, `${method} ${path} after recovery: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    }
    expect(
      (await api(t.edge, 'POST', '/id/auth/refresh', { body: { refresh_token: a.refresh } })).status,
    ).toBe(200);
    await until(async () => (await unpublished(t.sys.database)) === 0, 10_000, 'the outbox to drain');
    expect((await api(t.sys.officialUrl, 'GET', '/readyz')).status).toBe(200);
    console.log(
      `[fault postgres] (${pgs.kind}) stop took ${stopMs} ms; ${seen.size} routes × 3 waves answered (503 but typing), slowest ${slowest} ms; ` +
        `outage ${outageMs} ms; first write ${recoveredMs} ms after restart`,
    );
  }, 120_000);
});
