/**
 * Rate limits on login, 2FA, register, message send and typing: each answers 429 in the error
 * format with Retry-After; with Redis behind them they hold across two Identity and two Official
 * instances; RATE_LIMITS=off switches every one of them off and each service logs a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '@twopointo/cache';
import { readIdentityConfig, startIdentity, type RunningIdentity } from '@twopointo/identity';
import { readOfficialConfig, startOfficial, type RunningOfficial } from '@twopointo/official';
import { api, GatewayClient, serverWithChannel, signUp, type Session } from '../helpers/client.ts';
import { totp } from '../helpers/totp.ts';
import {
  expectError,
  startLoggedSystem,
  startSystem,
  type LoggedSystem,
  type TestSystem,
} from '../security/harness.ts';

const LIMITS = {
  LOGIN_RATE_LIMIT: '3/1m',
  LOGIN_IP_RATE_LIMIT: '1000/1m',
  TWOFA_RATE_LIMIT: '3/1m',
  TWOFA_IP_RATE_LIMIT: '1000/1m',
  REGISTER_RATE_LIMIT: '6/1h',
  MESSAGE_RATE_LIMIT: '5/30s',
  TYPING_RATE_LIMIT: '3/30s',
  WS_MAX_FRAMES_PER_MIN: '20',
};

function expect429(res: { status: number; body: unknown; headers: Headers }): void {
  expectError(res, 429, 'rate_limited');
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry) && retry >= 1, `Retry-After ${res.headers.get('retry-after')}`).toBe(true);
}

const mk = (edge: string, token: string, path: string, body?: unknown) =>
  api(edge, 'POST', path, { token, body });

describe('rate limits (on, Redis-backed)', () => {
  let t: TestSystem;
  let a: Session;
  let b: Session;
  let sid: string;
  let cid: string;
  let secret: string;
  let identity2: RunningIdentity;
  let official2: RunningOfficial;
  let cache2: Cache;
  let cache3: Cache;

  beforeAll(async () => {
    secret = 'abuse-secret-' + Math.random().toString(36).slice(2);
    t = await startSystem({ env: { ...LIMITS, INTERNAL_SECRET: secret }, keyFile: true });
    [a, b] = await Promise.all([signUp(t.edge), signUp(t.edge)]);
    ({ sid, cid } = await serverWithChannel(t.edge, a));
    // second instances of Identity and Official: same database, their own Redis connections
    const redis = { redisUrl: t.env.REDIS_URL!, prefix: t.env.REDIS_PREFIX! };
    cache2 = await openCache(redis);
    cache3 = await openCache(redis);
    identity2 = await startIdentity({
      config: readIdentityConfig({ ...t.env, IDENTITY_PORT: '0' }),
      database: t.sys.database,
      cache: cache2,
    });
    official2 = await startOfficial({
      config: readOfficialConfig({ ...t.env, OFFICIAL_PORT: '0' }),
      database: t.sys.database,
      bus: t.sys.bus,
      cache: cache3,
    });
  });
  afterAll(async () => {
    await official2?.close();
    await identity2?.close();
    await cache2?.close();
    await cache3?.close();
    await t?.close();
  });

  it('login: wrong passwords past the limit → 429 with Retry-After, then even the right one waits', async () => {
    const email = `${a.username}@example.com`;
    for (let i = 0; i < 3; i++)
      expectError(await mk(t.edge, '', '/id/auth/login', { email, password: 'wrong' }), 401);
    expect429(await mk(t.edge, '', '/id/auth/login', { email, password: 'wrong' }));
    expect429(await mk(t.edge, '', '/id/auth/login', { email, password: 'S3cretPass!' }));
  });

  it('login limits hold across two Identity instances sharing Redis', async () => {
    const email = `${b.username}@example.com`;
    const one = t.sys.identityUrl;
    const two = identity2.url;
    expectError(await mk(one, '', '/auth/login', { email, password: 'wrong' }), 401);
    expectError(await mk(two, '', '/auth/login', { email, password: 'wrong' }), 401);
    expectError(await mk(one, '', '/auth/login', { email, password: 'wrong' }), 401);
    expect429(await mk(two, '', '/auth/login', { email, password: 'wrong' }));
    expect429(await mk(one, '', '/auth/login', { email, password: 'S3cretPass!' }));
  });

  it('2FA: wrong codes past the limit → 429 with Retry-After, across instances too', async () => {
    const c = await signUp(t.edge);
    const login = await api<{ partial_token: string }>(t.edge, 'POST', '/id/auth/login', {
      body: { email: `${c.username}@example.com`, password: 'S3cretPass!' },
    });
    const partial = login.body.partial_token;
    const wrong = totp(c.totpSecret, Date.now(), 5);
    expectError(await mk(t.edge, partial, '/id/auth/2fa/verify', { code: wrong }), 401);
    expectError(await mk(identity2.url, partial, '/auth/2fa/verify', { code: wrong }), 401);
    expectError(await mk(t.edge, partial, '/id/auth/2fa/recover', { recovery_code: 'zzzz-zzzz' }), 401);
    expect429(await mk(identity2.url, partial, '/auth/2fa/verify', { code: wrong }));
    expect429(await mk(t.edge, partial, '/id/auth/2fa/verify', { code: totp(c.totpSecret) }));
  });

  it('register: past the per-address limit → 429 with Retry-After', async () => {
    let last: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < 8; i++) {
      const u = `reg${Date.now().toString(36)}${i}`;
      last = await mk(t.edge, '', '/id/auth/register', {
        email: `${u}@example.com`,
        username: u,
        password: 'S3cretPass!',
      });
      if (last.status === 429) break;
      expect(last.status).toBe(201);
    }
    expect429(last!);
    // the address is the Edge's view of the client: a claimed X-Forwarded-For does not reset it
    const u = `xff${Date.now().toString(36)}`;
    const spoofed = await api(t.edge, 'POST', '/id/auth/register', {
      body: { email: `${u}@example.com`, username: u, password: 'S3cretPass!' },
      headers: { 'x-forwarded-for': '10.9.8.7', 'x-real-ip': '10.9.8.7' },
    });
    expect429(spoofed);
  });

  it('message send and typing: past the limit → 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      expect((await mk(t.edge, a.access, `/api/channels/${cid}/messages`, { content: `m${i}` })).status).toBe(
        201,
      );
    expect429(await mk(t.edge, a.access, `/api/channels/${cid}/messages`, { content: 'too many' }));
    for (let i = 0; i < 3; i++)
      expect((await mk(t.edge, a.access, `/api/channels/${cid}/typing`)).status).toBe(204);
    expect429(await mk(t.edge, a.access, `/api/channels/${cid}/typing`));
    // per user: someone else in the same channel is not affected
    const invite = await api<{ code: string }>(t.edge, 'POST', `/api/servers/${sid}/invites`, {
      token: a.access,
      body: {},
    });
    await mk(t.edge, b.access, `/api/invites/${invite.body.code}/accept`);
    expect((await mk(t.edge, b.access, `/api/channels/${cid}/messages`, { content: 'hi' })).status).toBe(201);
  });

  it('message and typing limits hold across two Official instances sharing Redis', async () => {
    const cid2 = (
      await api<{ id: string }>(t.edge, 'POST', `/api/servers/${sid}/channels`, {
        token: a.access,
        body: { name: 'c2' },
      })
    ).body.id;
    const direct = (url: string, path: string, body?: unknown) =>
      api(url, 'POST', path, { body, headers: { 'x-internal-secret': secret, 'x-user-id': a.userId } });
    const urls = [t.sys.officialUrl, official2.url];
    for (let i = 0; i < 5; i++)
      expect((await direct(urls[i % 2]!, `/channels/${cid2}/messages`, { content: `x${i}` })).status).toBe(
        201,
      );
    expect429(await direct(urls[1]!, `/channels/${cid2}/messages`, { content: 'over' }));
    expect429(await direct(urls[0]!, `/channels/${cid2}/messages`, { content: 'over' }));
    for (let i = 0; i < 3; i++)
      expect((await direct(urls[i % 2]!, `/channels/${cid2}/typing`)).status).toBe(204);
    expect429(await direct(urls[1]!, `/channels/${cid2}/typing`));
  });

  it('gateway frames: past WS_MAX_FRAMES_PER_MIN the socket is closed 4008', async () => {
    const ws = await GatewayClient.connect(t.edge, a.access);
    for (let i = 0; i < 25; i++) ws.send({ op: 'HEARTBEAT', d: { seq: null } });
    expect(await ws.closed).toBe(4008);
    expect(ws.frames.filter((f) => f.op === 'HEARTBEAT_ACK').length).toBe(20);
  });
});

describe('RATE_LIMITS=off', () => {
  let s: LoggedSystem;
  beforeAll(async () => {
    s = await startLoggedSystem({ env: { ...LIMITS, RATE_LIMITS: 'off' }, level: 'warn' });
  });
  afterAll(async () => s?.close());

  it('switches every limit off, and every service says so in its log', async () => {
    const warnings = s.sink.lines().filter((l) => String(l.msg).includes('RATE_LIMITS=off'));
    expect(warnings.length, s.sink.text).toBeGreaterThanOrEqual(3);
    const text = warnings.map((l) => String(l.msg)).join('\n');
    expect(text).toMatch(/login|2FA|registration/);
    expect(text).toMatch(/message|typing/);
    expect(text).toMatch(/gateway|frame/);
    for (const l of warnings) expect(l.level).toBe(40);

    const users: Session[] = [];
    for (let i = 0; i < 8; i++) users.push(await signUp(s.edge)); // past the register limit of 6
    const a = users[0]!;
    const email = `${a.username}@example.com`;
    for (let i = 0; i < 6; i++)
      expectError(await mk(s.edge, '', '/id/auth/login', { email, password: 'wrong' }), 401);
    expect((await mk(s.edge, '', '/id/auth/login', { email, password: 'S3cretPass!' })).status).toBe(200);
    const login = await api<{ partial_token: string }>(s.edge, 'POST', '/id/auth/login', {
      body: { email, password: 'S3cretPass!' },
    });
    for (let i = 0; i < 6; i++)
      expectError(
        await mk(s.edge, login.body.partial_token, '/id/auth/2fa/verify', {
          code: totp(a.totpSecret, Date.now(), 7),
        }),
        401,
      );
    expect(
      (
        await mk(s.edge, login.body.partial_token, '/id/auth/2fa/verify', {
          code: totp(a.totpSecret, Date.now(), 1),
        })
      ).status,
    ).toBe(200);

    const { cid } = await serverWithChannel(s.edge, a);
    for (let i = 0; i < 12; i++)
      expect((await mk(s.edge, a.access, `/api/channels/${cid}/messages`, { content: `m${i}` })).status).toBe(
        201,
      );
    for (let i = 0; i < 8; i++)
      expect((await mk(s.edge, a.access, `/api/channels/${cid}/typing`)).status).toBe(204);
    const ws = await GatewayClient.connect(s.edge, a.access);
    for (let i = 0; i < 40; i++) ws.send({ op: 'HEARTBEAT', d: { seq: null } });
    await ws.waitFor(() => ws.frames.filter((f) => f.op === 'HEARTBEAT_ACK').length === 40);
    expect(ws.closeCode).toBeUndefined();
    ws.close();
  });
});
