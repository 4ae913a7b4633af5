import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusRecord } from '@twopointo/bus';
import { CloseCodes, newId, type DurableEventType, type ServerFrame } from '@twopointo/shared';
import { GatewayClient } from '../../../../test/helpers/client.ts';
import { ATTACKS } from '../test/attacks.ts';
import { BACKENDS, type Backends } from '../test/backends.ts';
import { startTestEdge, type TestEdge } from '../test/harness.ts';

const RETAIN = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Status and body of a refused upgrade (or 101 when accepted). */
function upgradeStatus(url: string, token: string | undefined): Promise<{ status: number; body: string }> {
  const q = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws${q}`);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(String(err))) reject(err);
    });
  });
}

/** Records raw text frames too (to check the exact framing). */
async function connect(t: TestEdge, userId: string): Promise<GatewayClient & { raw: string[] }> {
  const c = (await GatewayClient.connect(t.url, await t.kit.access(userId))) as GatewayClient & {
    raw: string[];
  };
  c.raw = [];
  c.ws.on('message', (m) => c.raw.push(String(m)));
  await c.waitFor((f) => f.op === 'HELLO');
  return c;
}

type EventFrame = Extract<ServerFrame, { op: 'EVENT' }>;
const isEvent = (t: string) => (f: ServerFrame) => f.op === 'EVENT' && f.t === t;

describe.each(BACKENDS)('gateway on $name', (kind) => {
  let backends: Backends;
  let t: TestEdge;
  const clients: GatewayClient[] = [];

  const open = async (userId: string) => {
    const c = await connect(t, userId);
    clients.push(c);
    return c;
  };
  const publish = (
    t_: DurableEventType,
    serverId: string,
    channelId: string | undefined,
    d: unknown,
  ): Promise<number> => {
    const record: BusRecord = { id: newId(), t: t_, server_id: serverId, data: JSON.stringify(d) };
    if (channelId !== undefined) record.channel_id = channelId;
    return backends.bus.publish(record);
  };
  const message = (sid: string, cid: string, content: string) => ({
    id: newId(),
    channel_id: cid,
    server_id: sid,
    content,
  });
  /** a fresh server with channels the user may view (and one hidden) */
  const world = (userIds: string[]) => {
    const sid = newId();
    const [c1, c2, hidden] = [newId(), newId(), newId()];
    for (const u of userIds) t.official.grant(u, sid, [c1, c2]);
    return { sid, c1, c2, hidden };
  };
  const subscribe = async (c: GatewayClient, sid: string, channelIds: string[]) => {
    const next = c.next({ op: 'SUBSCRIBED' });
    c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: channelIds } });
    return (await next) as Extract<ServerFrame, { op: 'SUBSCRIBED' }>;
  };

  beforeAll(async () => {
    backends = await kind.open(RETAIN);
    t = await startTestEdge({
      bus: backends.bus,
      cache: backends.cache,
      overrides: { WS_MAX_FRAMES_PER_MIN: '30', WS_MAX_SOCKETS_PER_USER: '3', HEARTBEAT_INTERVAL: '30000' },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.ws.terminate();
    await t?.close();
    await backends?.cleanup();
  });

  describe('upgrade token check', () => {
    it.each(ATTACKS)('%s → HTTP 401 on the upgrade', async (_name, make) => {
      const res = await upgradeStatus(t.url, await make(t.kit));
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    });

    it('a valid access token is accepted; other paths are refused', async () => {
      expect((await upgradeStatus(t.url, await t.kit.access(newId()))).status).toBe(101);
      const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/elsewhere`);
      const status = await new Promise<number>((resolve) =>
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0)),
      );
      expect(status).toBe(404);
    });
  });

  it('HELLO first, HEARTBEAT → HEARTBEAT_ACK', async () => {
    const c = await open(newId());
    const hello = c.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>;
    expect(hello.op).toBe('HELLO');
    expect(hello.d.heartbeat_interval).toBe(30000);
    expect(typeof hello.d.session_id).toBe('string');
    let ack = c.next({ op: 'HEARTBEAT_ACK' });
    c.send({ op: 'HEARTBEAT', d: { seq: null } });
    await ack;
    ack = c.next({ op: 'HEARTBEAT_ACK' });
    c.send({ op: 'HEARTBEAT' });
    await ack;
  });

  it('malformed frames get ERROR and the socket stays open', async () => {
    const c = await open(newId());
    const cases: [unknown, string][] = [
      ['{not json', 'invalid_frame'],
      ['"just a string"', 'invalid_frame'],
      [{ d: {} }, 'invalid_frame'],
      [{ op: 'DANCE' }, 'unknown_op'],
      [{ op: 'SUBSCRIBE' }, 'invalid_frame'],
      [{ op: 'SUBSCRIBE', d: { server_id: 'abc', channel_ids: [] } }, 'invalid_frame'],
      [{ op: 'SUBSCRIBE', d: { server_id: '1', channel_ids: 'nope' } }, 'invalid_frame'],
      [{ op: 'SUBSCRIBE', d: { server_id: '1', channel_ids: [1, 2] } }, 'invalid_frame'],
      [{ op: 'UNSUBSCRIBE', d: {} }, 'invalid_frame'],
      [{ op: 'RESUME', d: { session_id: 'x' } }, 'invalid_frame'],
      [{ op: 'RESUME', d: { session_id: 'x', seq: -1 } }, 'invalid_frame'],
      [{ op: 'HEARTBEAT', d: { seq: 'x' } }, 'invalid_frame'],
    ];
    for (const [frame, code] of cases) {
      const err = c.next({ op: 'ERROR' });
      c.send(frame);
      expect(((await err) as Extract<ServerFrame, { op: 'ERROR' }>).d.code).toBe(code);
    }
    const binErr = c.next({ op: 'ERROR' });
    c.ws.send(Buffer.from([1, 2, 3]));
    expect(((await binErr) as Extract<ServerFrame, { op: 'ERROR' }>).d.code).toBe('invalid_frame');
    const ack = c.next({ op: 'HEARTBEAT_ACK' });
    c.send({ op: 'HEARTBEAT' });
    await ack;
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('SUBSCRIBE keeps only the channels the user can view, then shows the user online', async () => {
    const user = newId();
    const { sid, c1, hidden } = world([user]);
    const c = await open(user);
    const subscribed = await subscribe(c, sid, [c1, hidden]);
    expect(subscribed.d).toEqual({ server_id: sid, channel_ids: [c1] });
    const presence = (await c.waitFor(isEvent('PRESENCE_UPDATE'))) as EventFrame;
    expect(presence).toEqual({
      op: 'EVENT',
      t: 'PRESENCE_UPDATE',
      d: { user_id: user, server_id: sid, status: 'online' },
    });
    expect(t.official.accessCalls.at(-1)).toEqual({
      user_id: user,
      server_id: sid,
      channel_ids: [c1, hidden],
    });
  });

  it('SUBSCRIBE to a server one is not a member of → ERROR unknown_server', async () => {
    const c = await open(newId());
    const err = c.next({ op: 'ERROR' });
    c.send({ op: 'SUBSCRIBE', d: { server_id: newId(), channel_ids: [newId()] } });
    expect(((await err) as Extract<ServerFrame, { op: 'ERROR' }>).d.code).toBe('unknown_server');
  });

  it('delivers channel events to that channel only, server events to the server, framed once verbatim', async () => {
    const user = newId();
    const { sid, c1, c2, hidden } = world([user]);
    const other = world([user]);
    const c = await open(user);
    await subscribe(c, sid, [c1]);
    await subscribe(c, other.sid, []);
    const m1 = message(sid, c1, 'in c1');
    const d1 = JSON.stringify(m1).replace('{', '{ '); // payload bytes must pass through untouched
    const s1 = await backends.bus.publish({
      id: newId(),
      t: 'MESSAGE_CREATE',
      server_id: sid,
      channel_id: c1,
      data: d1,
    });
    await publish('MESSAGE_CREATE', sid, c2, message(sid, c2, 'in c2 (not subscribed)'));
    await publish('MESSAGE_CREATE', sid, hidden, message(sid, hidden, 'hidden'));
    await publish(
      'MESSAGE_CREATE',
      other.sid,
      other.c1,
      message(other.sid, other.c1, 'other server channel'),
    );
    const s5 = await publish('SERVER_UPDATE', sid, undefined, { id: sid, name: 'renamed' });
    await c.waitFor((f) => f.op === 'EVENT' && f.t === 'SERVER_UPDATE');
    const events = c.events().filter((e) => e.t !== 'PRESENCE_UPDATE');
    expect(events.map((e) => [e.t, 's' in e ? e.s : null])).toEqual([
      ['MESSAGE_CREATE', s1],
      ['SERVER_UPDATE', s5],
    ]);
    expect(c.raw).toContain(`{"op":"EVENT","t":"MESSAGE_CREATE","s":${s1},"d":${d1}}`);
  });

  it('TYPING_START reaches the channel subscribers, without s', async () => {
    const [u1, u2] = [newId(), newId()];
    const { sid, c1, c2 } = world([u1, u2]);
    const a = await open(u1);
    const b = await open(u2);
    await subscribe(a, sid, [c1]);
    await subscribe(b, sid, [c2]);
    const d = {
      channel_id: c1,
      server_id: sid,
      user_id: u2,
      username: 'bob',
      timestamp: new Date().toISOString(),
    };
    backends.bus.publishEphemeral({ t: 'TYPING_START', server_id: sid, channel_id: c1, d });
    expect(await a.waitFor(isEvent('TYPING_START'))).toEqual({ op: 'EVENT', t: 'TYPING_START', d });
    await sleep(150);
    expect(b.events('TYPING_START')).toHaveLength(0);
  });

  it('UNSUBSCRIBE a channel, then the server', async () => {
    const user = newId();
    const { sid, c1, c2 } = world([user]);
    const c = await open(user);
    await subscribe(c, sid, [c1, c2]);
    let unsub = c.next({ op: 'UNSUBSCRIBED' });
    c.send({ op: 'UNSUBSCRIBE', d: { server_id: sid, channel_ids: [c1] } });
    expect(((await unsub) as Extract<ServerFrame, { op: 'UNSUBSCRIBED' }>).d).toEqual({
      server_id: sid,
      channel_ids: [c1],
    });
    await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'gone'));
    const s2 = await publish('MESSAGE_CREATE', sid, c2, message(sid, c2, 'still here'));
    await c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === s2);
    expect(c.events('MESSAGE_CREATE')).toHaveLength(1);
    unsub = c.next({ op: 'UNSUBSCRIBED' });
    c.send({ op: 'UNSUBSCRIBE', d: { server_id: sid } });
    expect(((await unsub) as Extract<ServerFrame, { op: 'UNSUBSCRIBED' }>).d).toEqual({
      server_id: sid,
      channel_ids: [c2],
    });
    await publish('MESSAGE_CREATE', sid, c2, message(sid, c2, 'after'));
    await publish('SERVER_UPDATE', sid, undefined, { id: sid });
    await sleep(200);
    expect(c.events('MESSAGE_CREATE')).toHaveLength(1);
    expect(c.events('SERVER_UPDATE')).toHaveLength(0);
  });

  it('presence across two sockets: online once, offline when the last one goes', async () => {
    const [alice, bob] = [newId(), newId()];
    const { sid, c1 } = world([alice, bob]);
    const watcher = await open(bob);
    await subscribe(watcher, sid, [c1]);
    const isAlice = (status: string) => (f: ServerFrame) =>
      f.op === 'EVENT' && f.t === 'PRESENCE_UPDATE' && f.d.user_id === alice && f.d.status === status;

    const a1 = await open(alice);
    expect(await t.cache.get(`presence:${alice}`)).toBe('1');
    await subscribe(a1, sid, [c1]);
    await watcher.waitFor(isAlice('online'));
    await a1.waitFor(isAlice('online'));
    const a2 = await open(alice);
    expect(await t.cache.get(`presence:${alice}`)).toBe('2');
    await subscribe(a2, sid, [c1]);
    // the second socket is told about itself, the others hear nothing new
    await a2.waitFor(isAlice('online'));
    expect(await t.cache.get(`presence:${sid}:${alice}`)).toBe('2');
    a1.close();
    await a1.closed;
    await sleep(200);
    expect(watcher.frames.filter(isAlice('online'))).toHaveLength(1);
    expect(watcher.frames.filter(isAlice('offline'))).toHaveLength(0);
    a2.close();
    await watcher.waitFor(isAlice('offline'));
    await sleep(50);
    expect(Number(await t.cache.get(`presence:${alice}`))).toBe(0);
    expect(Number(await t.cache.get(`presence:${sid}:${alice}`))).toBe(0);
  });

  it('more than WS_MAX_SOCKETS_PER_USER sockets → close 4005', async () => {
    const user = newId();
    const open3 = [await open(user), await open(user), await open(user)];
    const fourth = (await GatewayClient.connect(t.url, await t.kit.access(user))) as GatewayClient;
    clients.push(fourth);
    expect(await fourth.closed).toBe(CloseCodes.SESSION_LIMIT);
    expect(open3.every((c) => c.ws.readyState === WebSocket.OPEN)).toBe(true);
  });

  it('a flood (more than WS_MAX_FRAMES_PER_MIN frames) → close 4008', async () => {
    const c = await open(newId());
    for (let i = 0; i < 40; i++) c.send({ op: 'HEARTBEAT' });
    expect(await c.closed).toBe(CloseCodes.FLOOD);
  });

  describe('RESUME', () => {
    it('replays what was missed in order, then live events, nothing doubled or lost', async () => {
      const user = newId();
      const { sid, c1, c2 } = world([user]);
      const c = await open(user);
      const sessionId = (c.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
      await subscribe(c, sid, [c1]);
      const before = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'seen'));
      await c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === before);
      c.ws.terminate();
      await c.closed;

      const missed: number[] = [];
      for (let i = 0; i < 6; i++) {
        missed.push(await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, `missed ${i}`)));
        await publish('MESSAGE_CREATE', sid, c2, message(sid, c2, 'not subscribed'));
      }
      missed.push(await publish('CHANNEL_UPDATE', sid, c1, { id: c1, server_id: sid, name: 'renamed' }));
      missed.push(await publish('SERVER_UPDATE', sid, undefined, { id: sid, name: 'x' }));

      const r = await open(user);
      r.send({ op: 'RESUME', d: { session_id: sessionId, seq: before } });
      // live events racing the replay
      const live: number[] = [];
      for (let i = 0; i < 5; i++)
        live.push(await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, `live ${i}`)));
      const resumed = (await r.waitFor((f) => f.op === 'RESUMED')) as Extract<ServerFrame, { op: 'RESUMED' }>;
      await r.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === live.at(-1));
      const seqs = r
        .events()
        .filter((e) => 's' in e)
        .map((e) => (e as { s: number }).s);
      expect(seqs).toEqual([...missed, ...live]);
      expect(resumed.d.replayed).toBeGreaterThanOrEqual(missed.length);
      const idx = r.frames.indexOf(resumed);
      const replayedBefore = r.frames.slice(0, idx).filter((f) => f.op === 'EVENT' && 's' in f);
      expect(replayedBefore.map((e) => (e as { s: number }).s)).toEqual(seqs.slice(0, replayedBefore.length));
      // the resumed socket is subscribed like the old one
      const after = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'after'));
      await r.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === after);
    });

    it("RESUME consumes the old session; the next drop resumes the new connection's HELLO session", async () => {
      const user = newId();
      const { sid, c1 } = world([user]);
      const first = await open(user);
      const firstSession = (first.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
      await subscribe(first, sid, [c1]);
      const seen = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'seen'));
      await first.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === seen);
      first.ws.terminate();
      await first.closed;

      // first drop: resume the first connection's session
      const second = await open(user);
      const secondSession = (second.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
      expect(secondSession).not.toBe(firstSession);
      second.send({ op: 'RESUME', d: { session_id: firstSession, seq: seen } });
      await second.waitFor((f) => f.op === 'RESUMED');
      const during = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'on the second'));
      await second.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === during);
      second.ws.terminate();
      await second.closed;
      const missed = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'missed twice'));

      // second drop: the first session is spent …
      const stale = await open(user);
      stale.send({ op: 'RESUME', d: { session_id: firstSession, seq: during } });
      await stale.waitFor((f) => f.op === 'INVALID_SESSION');
      // … and the second connection's HELLO session carries the subscriptions on
      const third = await open(user);
      third.send({ op: 'RESUME', d: { session_id: secondSession, seq: during } });
      await third.waitFor((f) => f.op === 'RESUMED');
      await third.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === missed);
    });

    it("an unknown session, another user's session, or RESUME twice → INVALID_SESSION / ERROR", async () => {
      const user = newId();
      const c = await open(user);
      c.send({ op: 'RESUME', d: { session_id: 'no-such-session', seq: 0 } });
      await c.waitFor((f) => f.op === 'INVALID_SESSION');
      const err = c.next({ op: 'ERROR' });
      c.send({ op: 'RESUME', d: { session_id: 'again', seq: 0 } });
      expect(((await err) as Extract<ServerFrame, { op: 'ERROR' }>).d.code).toBe('invalid_frame');

      const owner = await open(newId());
      const ownerSession = (owner.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
      owner.ws.terminate();
      await owner.closed;
      const thief = await open(newId());
      thief.send({ op: 'RESUME', d: { session_id: ownerSession, seq: 0 } });
      await thief.waitFor((f) => f.op === 'INVALID_SESSION');
    });

    it('too old (beyond what the bus retains) → INVALID_SESSION', async () => {
      const user = newId();
      const { sid, c1 } = world([user]);
      const c = await open(user);
      const sessionId = (c.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
      await subscribe(c, sid, [c1]);
      const first = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'first'));
      await c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === first);
      c.ws.terminate();
      await c.closed;
      for (let i = 0; i < RETAIN + 5; i++)
        await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, `flood ${i}`));
      const r = await open(user);
      r.send({ op: 'RESUME', d: { session_id: sessionId, seq: first } });
      await r.waitFor((f) => f.op === 'INVALID_SESSION');
      expect(r.events('MESSAGE_CREATE')).toHaveLength(0);
      // the client starts over: SUBSCRIBE works on the same socket
      await subscribe(r, sid, [c1]);
    });
  });

  describe('losing access', () => {
    it('MEMBER_LEAVE: delivered, then the leaver is unsubscribed at once', async () => {
      const [leaver, stayer] = [newId(), newId()];
      const { sid, c1 } = world([leaver, stayer]);
      const l = await open(leaver);
      const s = await open(stayer);
      await subscribe(l, sid, [c1]);
      await subscribe(s, sid, [c1]);
      t.official.revoke(leaver, sid);
      const leave = await publish('MEMBER_LEAVE', sid, undefined, { server_id: sid, user_id: leaver });
      const msg = await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'after leave'));
      await l.waitFor((f) => f.op === 'UNSUBSCRIBED');
      await s.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === msg);
      const leaverSeqs = l
        .events()
        .filter((e) => 's' in e)
        .map((e) => (e as { s: number }).s);
      expect(leaverSeqs).toEqual([leave]);
      const unsub = l.frames.find((f) => f.op === 'UNSUBSCRIBED') as Extract<
        ServerFrame,
        { op: 'UNSUBSCRIBED' }
      >;
      expect(unsub.d).toEqual({ server_id: sid, channel_ids: [c1] });
      await s.waitFor(
        (f) =>
          f.op === 'EVENT' && f.t === 'PRESENCE_UPDATE' && f.d.user_id === leaver && f.d.status === 'offline',
      );
    });

    it('PERMISSIONS_UPDATE: channels no longer visible are dropped', async () => {
      const user = newId();
      const { sid, c1, c2 } = world([user]);
      const c = await open(user);
      await subscribe(c, sid, [c1, c2]);
      t.official.grant(user, sid, [c2]);
      await publish('PERMISSIONS_UPDATE', sid, undefined, { server_id: sid });
      const unsub = (await c.waitFor((f) => f.op === 'UNSUBSCRIBED')) as Extract<
        ServerFrame,
        { op: 'UNSUBSCRIBED' }
      >;
      expect(unsub.d).toEqual({ server_id: sid, channel_ids: [c1] });
      await publish('MESSAGE_CREATE', sid, c1, message(sid, c1, 'hidden now'));
      const ok = await publish('MESSAGE_CREATE', sid, c2, message(sid, c2, 'visible'));
      await c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === ok);
      expect(c.events('MESSAGE_CREATE')).toHaveLength(1);
    });

    it('PERMISSIONS_UPDATE for one channel re-checks only that channel', async () => {
      const user = newId();
      const { sid, c1, c2 } = world([user]);
      const c = await open(user);
      await subscribe(c, sid, [c1, c2]);
      t.official.grant(user, sid, [c2]);
      const calls = t.official.accessCalls.length;
      await publish('PERMISSIONS_UPDATE', sid, c1, { server_id: sid, channel_id: c1 });
      const unsub = (await c.waitFor((f) => f.op === 'UNSUBSCRIBED')) as Extract<
        ServerFrame,
        { op: 'UNSUBSCRIBED' }
      >;
      expect(unsub.d.channel_ids).toEqual([c1]);
      expect(t.official.accessCalls.slice(calls)).toEqual([
        { user_id: user, server_id: sid, channel_ids: [c1] },
      ]);
    });

    it('CHANNEL_DELETE and SERVER_DELETE drop those subscriptions', async () => {
      const user = newId();
      const { sid, c1, c2 } = world([user]);
      const c = await open(user);
      await subscribe(c, sid, [c1, c2]);
      const del = await publish('CHANNEL_DELETE', sid, c1, { id: c1, server_id: sid });
      await c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === del);
      const unsub = (await c.waitFor((f) => f.op === 'UNSUBSCRIBED')) as Extract<
        ServerFrame,
        { op: 'UNSUBSCRIBED' }
      >;
      expect(unsub.d).toEqual({ server_id: sid, channel_ids: [c1] });
      const gone = await publish('SERVER_DELETE', sid, undefined, { id: sid });
      await c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === gone);
      const unsub2 = (await c.waitFor((f) => f.op === 'UNSUBSCRIBED' && f !== unsub)) as Extract<
        ServerFrame,
        { op: 'UNSUBSCRIBED' }
      >;
      expect(unsub2.d).toEqual({ server_id: sid, channel_ids: [c2] });
      await publish('SERVER_UPDATE', sid, undefined, { id: sid });
      await sleep(200);
      expect(c.events('SERVER_UPDATE')).toHaveLength(0);
      expect(t.edge.gateway.index.byServer.get(sid)).toBeUndefined();
    });
  });
});

describe('gateway timing and shutdown', () => {
  it('no heartbeat for 1.5 intervals → close 4009', async () => {
    const t = await startTestEdge({ overrides: { HEARTBEAT_INTERVAL: '200' } });
    try {
      const quiet = await connect(t, newId());
      const beating = await connect(t, newId());
      expect((quiet.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.heartbeat_interval).toBe(200);
      const timer = setInterval(() => beating.send({ op: 'HEARTBEAT' }), 100);
      const started = Date.now();
      expect(await quiet.closed).toBe(CloseCodes.HEARTBEAT_TIMEOUT);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await sleep(300);
      clearInterval(timer);
      expect(beating.ws.readyState).toBe(WebSocket.OPEN);
      beating.close();
    } finally {
      await t.close();
    }
  });

  it('a socket closes 4001 when its access token expires; a fresh token RESUMEs the session', async () => {
    const t = await startTestEdge({ overrides: { HEARTBEAT_INTERVAL: '400' } });
    try {
      const user = newId();
      const expiresAt = Math.floor(Date.now() / 1000) + 2;
      const short = await GatewayClient.connect(
        t.url,
        await t.kit.sign({ sub: user }, { expiresIn: expiresAt }),
      );
      const hello = (await short.waitFor((f) => f.op === 'HELLO')) as Extract<ServerFrame, { op: 'HELLO' }>;
      const beat = setInterval(() => short.send({ op: 'HEARTBEAT' }), 200);
      const longLived = await connect(t, user);
      const beat2 = setInterval(() => longLived.send({ op: 'HEARTBEAT' }), 200);
      try {
        expect(await short.closed).toBe(CloseCodes.UNAUTHORIZED);
        expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000);
        // the socket opened with a longer-lived token stays
        expect(longLived.ws.readyState).toBe(WebSocket.OPEN);
      } finally {
        clearInterval(beat);
        clearInterval(beat2);
      }
      const again = await connect(t, user);
      again.send({ op: 'RESUME', d: { session_id: hello.d.session_id, seq: 0 } });
      await again.waitFor((f) => f.op === 'RESUMED');
      again.close();
      longLived.close();
    } finally {
      await t.close();
    }
  });

  it('app close sends 4012 to every socket', async () => {
    const t = await startTestEdge();
    const a = await connect(t, newId());
    const b = await connect(t, newId());
    await t.close();
    expect(await a.closed).toBe(CloseCodes.SERVER_RESTART);
    expect(await b.closed).toBe(CloseCodes.SERVER_RESTART);
  });

  it('a socket that does not read (slow consumer) is dropped', async () => {
    const t = await startTestEdge({ overrides: { WS_MAX_BUFFERED_BYTES: '65536' } });
    try {
      const user = newId();
      const sid = newId();
      const cid = newId();
      t.official.grant(user, sid, [cid]);
      const c = await connect(t, user);
      const sub = c.next({ op: 'SUBSCRIBED' });
      c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
      await sub;
      // stop reading: the kernel buffers fill, then the Edge's queue grows
      (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const big = JSON.stringify({ content: 'x'.repeat(64 * 1024) });
      for (let i = 0; i < 400 && t.edge.gateway.stats().sockets > 0; i++) {
        await t.bus.publish({ id: newId(), t: 'MESSAGE_CREATE', server_id: sid, channel_id: cid, data: big });
      }
      const deadline = Date.now() + 5000;
      while (t.edge.gateway.stats().sockets > 0 && Date.now() < deadline) await sleep(20);
      expect(t.edge.gateway.stats().sockets).toBe(0);
      c.ws.terminate();
    } finally {
      await t.close();
    }
  });
});
