/**
 * Interest-based fan-out through a real Edge, on the memory bus and on JetStream (the Edge on
 * its own NATS connection, the events published on another, like Official's relay): the Edge
 * receives only the feeds of its sockets, and starting or stopping a feed — under churn, and
 * around RESUME — loses nothing and doubles nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JetStreamBus, MemoryBus, USER_SCOPED, type BusRecord, type EventBus } from '@twopointo/bus';
import { MemoryCache, RedisCache, type Cache } from '@twopointo/cache';
import { newId, type DurableEventType, type ServerFrame } from '@twopointo/shared';
import { GatewayClient } from '../../../../test/helpers/client.ts';
import { deleteStream, TEST_NATS_URL, uniqueStreamNames } from '../../../../packages/bus/src/test-support.ts';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../../../../packages/cache/src/test-support.ts';
import { startTestEdge, type TestEdge } from '../test/harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { warn: () => undefined, error: () => undefined };

interface Setup {
  /** where the test publishes (Official's relay) */
  publisher: EventBus;
  /** the Edge's own bus client */
  edgeBus: EventBus;
  cache: Cache;
  cleanup(): Promise<void>;
}

const SETUPS: { name: string; open(): Promise<Setup> }[] = [
  {
    name: 'memory bus',
    open: async () => {
      const bus = new MemoryBus({ retain: 10_000, logger: quiet });
      const cache = new MemoryCache();
      return { publisher: bus, edgeBus: bus, cache, cleanup: () => bus.close() };
    },
  },
  {
    name: 'JetStream + Redis',
    open: async () => {
      const names = uniqueStreamNames();
      const prefix = uniquePrefix();
      const publisher = await JetStreamBus.connect({ url: TEST_NATS_URL, ...names, logger: quiet });
      const edgeBus = await JetStreamBus.connect({ url: TEST_NATS_URL, ...names, logger: quiet });
      const cache = await RedisCache.connect({ url: TEST_REDIS_URL, prefix });
      return {
        publisher,
        edgeBus,
        cache,
        cleanup: async () => {
          await edgeBus.close();
          await publisher.close();
          await cache.close();
          await deleteStream(TEST_NATS_URL, names.stream);
          await deleteKeys(TEST_REDIS_URL, prefix);
        },
      };
    },
  },
];

type EventFrame = Extract<ServerFrame, { op: 'EVENT' }>;
/** `s` of every durable event a socket got, in arrival order */
const seqs = (c: GatewayClient): number[] =>
  c.events().flatMap((e) => ('s' in e && typeof e.s === 'number' ? [e.s] : []));

describe.each(SETUPS)('interest-based fan-out ($name)', (setup) => {
  let s: Setup;
  let t: TestEdge;
  const clients: GatewayClient[] = [];

  const open = async (userId: string): Promise<GatewayClient> => {
    const c = await GatewayClient.connect(t.url, await t.kit.access(userId));
    clients.push(c);
    await c.waitFor((f) => f.op === 'HELLO');
    return c;
  };
  const publish = (
    t_: DurableEventType,
    serverId: string,
    channelId?: string,
    userId?: string,
  ): Promise<number> => {
    const r: BusRecord = { id: newId(), t: t_, server_id: serverId, data: JSON.stringify({ n: newId() }) };
    if (channelId !== undefined) r.channel_id = channelId;
    if (userId !== undefined) r.user_id = userId;
    return s.publisher.publish(r);
  };
  const subscribe = async (c: GatewayClient, sid: string, cids: string[]) => {
    const next = c.next({ op: 'SUBSCRIBED' });
    c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: cids } });
    await next;
  };
  const unsubscribe = async (c: GatewayClient, sid: string) => {
    const next = c.next({ op: 'UNSUBSCRIBED' });
    c.send({ op: 'UNSUBSCRIBE', d: { server_id: sid } });
    await next;
  };
  const waitSeq = (c: GatewayClient, seq: number) =>
    c.waitFor((f) => f.op === 'EVENT' && 's' in f && f.s === seq);
  const stats = () => t.edge.gateway.stats();

  beforeAll(async () => {
    s = await setup.open();
    t = await startTestEdge({
      bus: s.edgeBus,
      cache: s.cache,
      overrides: {
        WS_MAX_SOCKETS_PER_USER: '3',
        HEARTBEAT_INTERVAL: '30000',
        RATE_LIMITS: 'off',
        // feeds stop with their last socket here; the linger has its own Edge below
        GATEWAY_FEED_LINGER_MS: '0',
      },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.ws.terminate();
    await t?.close();
    await s?.cleanup();
  });

  it('receives only the servers with a subscribed socket here and the users with a socket here', async () => {
    const [user, other] = [newId(), newId()];
    const [a, b, cid] = [newId(), newId(), newId()];
    t.official.grant(user, a, [cid]);
    const c = await open(user);
    await subscribe(c, a, [cid]);
    expect(stats().feeds).toBe(2); // server a, and the user
    const before = stats().busReceived;
    const mine = [await publish('MESSAGE_CREATE', a, cid), await publish('SERVER_UPDATE', a)];
    await publish('MESSAGE_CREATE', b, newId());
    await publish('SERVER_UPDATE', b);
    await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, other);
    mine.push(await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user));
    mine.push(await publish('MESSAGE_CREATE', a, cid));
    await waitSeq(c, mine.at(-1)!);
    await sleep(50);
    expect(seqs(c)).toEqual(mine);
    // the events of server b and of the other user never reached this Edge
    expect(stats().busReceived - before).toBe(mine.length);

    c.close();
    await c.closed;
    for (let i = 0; i < 50 && stats().feeds > 0; i++) await sleep(10);
    expect(stats().feeds).toBe(0);
    const idle = stats().busReceived;
    await publish('MESSAGE_CREATE', a, cid);
    await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user);
    // a marker on a feed that is running proves the bus delivered whatever it would
    const marker = await open(other);
    const m = await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, other);
    await waitSeq(marker, m);
    expect(stats().busReceived - idle).toBe(1);
    marker.close();
  });

  it("ephemeral events come by feed too: a channel's typing to its subscribers, a DM's to each recipient once", async () => {
    const [u1, u2, u3] = [newId(), newId(), newId()];
    const [sid, cid] = [newId(), newId()];
    t.official.grant(u1, sid, [cid]);
    const [a, b, c] = [await open(u1), await open(u2), await open(u3)];
    await subscribe(a, sid, [cid]);
    for (const x of [b, c]) x.send({ op: 'HEARTBEAT', d: { seq: 0 } }); // ends the opening hold
    const typing = (server_id: string, extra: object) =>
      s.publisher.publishEphemeral({
        t: 'TYPING_START',
        server_id,
        ...extra,
        d: {
          channel_id: cid,
          server_id,
          user_id: u3,
          username: 'carol',
          timestamp: new Date().toISOString(),
        },
      });
    typing(sid, { channel_id: cid });
    typing(USER_SCOPED, { user_ids: [u1, u2, newId()] });
    await a.waitFor(() => a.events('TYPING_START').length === 2);
    await b.waitFor((f) => f.op === 'EVENT' && f.t === 'TYPING_START');
    await sleep(100);
    expect(a.events('TYPING_START')).toHaveLength(2);
    expect(b.events('TYPING_START')).toHaveLength(1);
    expect(c.events('TYPING_START')).toHaveLength(0);
    for (const x of [a, b, c]) x.close();
  });

  it('a feed stopped with its last socket starts again with the next: events after SUBSCRIBED, none before, none twice', async () => {
    const [u1, u2] = [newId(), newId()];
    const [sid, cid] = [newId(), newId()];
    t.official.grant(u1, sid, [cid]);
    t.official.grant(u2, sid, [cid]);
    const first = await open(u1);
    await subscribe(first, sid, [cid]);
    const e1 = await publish('MESSAGE_CREATE', sid, cid);
    await waitSeq(first, e1);
    await unsubscribe(first, sid);
    const gone = [await publish('MESSAGE_CREATE', sid, cid), await publish('MESSAGE_CREATE', sid, cid)];
    const second = await open(u2);
    await subscribe(second, sid, [cid]);
    await subscribe(first, sid, [cid]);
    const e4 = await publish('MESSAGE_CREATE', sid, cid);
    await waitSeq(second, e4);
    await waitSeq(first, e4);
    await sleep(50);
    expect(seqs(second)).toEqual([e4]);
    expect(seqs(first)).toEqual([e1, e4]);
    expect(seqs(first)).not.toContain(gone[0]);
    first.close();
    second.close();
  });

  it('RESUME after the feeds were stopped: the missed events of the servers and the user, once, in order, then live', async () => {
    const user = newId();
    const [a, b, c1, c2] = [newId(), newId(), newId(), newId()];
    t.official.grant(user, a, [c1, c2]);
    t.official.grant(user, b, [newId()]);
    const c = await open(user);
    const session = (c.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
    await subscribe(c, a, [c1]);
    const seen = await publish('MESSAGE_CREATE', a, c1);
    await waitSeq(c, seen);
    c.ws.terminate();
    await c.closed;
    for (let i = 0; i < 50 && stats().feeds > 0; i++) await sleep(10);
    expect(stats().feeds).toBe(0);

    const missed: number[] = [];
    for (let i = 0; i < 5; i++) {
      missed.push(await publish('MESSAGE_CREATE', a, c1));
      await publish('MESSAGE_CREATE', a, c2); // a channel it did not subscribe
      await publish('MESSAGE_CREATE', b, newId()); // a server it did not subscribe
      if (i % 2 === 0) missed.push(await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user));
      await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, newId());
    }
    missed.push(await publish('SERVER_UPDATE', a));

    const r = await open(user);
    r.send({ op: 'RESUME', d: { session_id: session, seq: seen } });
    const live: number[] = [];
    for (let i = 0; i < 6; i++) {
      live.push(await publish('MESSAGE_CREATE', a, c1));
      if (i === 3) live.push(await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user));
    }
    await r.waitFor((f) => f.op === 'RESUMED');
    await waitSeq(r, live.at(-1)!);
    await sleep(50);
    expect(seqs(r)).toEqual([...missed, ...live]);
    r.close();
  });

  it("a user's event that arrives between HELLO and RESUME waits for the replay, so the order holds", async () => {
    const user = newId();
    const c = await open(user);
    const session = (c.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
    const seen = await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user);
    c.send({ op: 'HEARTBEAT', d: { seq: 0 } }); // any first frame but RESUME lets events flow
    await waitSeq(c, seen);
    c.ws.terminate();
    await c.closed;
    const missed = [
      await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user),
      await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user),
    ];
    const r = await open(user);
    const early = await publish('READ_STATE_UPDATE', USER_SCOPED, undefined, user);
    await sleep(30);
    expect(seqs(r)).toEqual([]); // held until the first frame
    r.send({ op: 'RESUME', d: { session_id: session, seq: seen } });
    await r.waitFor((f) => f.op === 'RESUMED');
    await waitSeq(r, early);
    expect(seqs(r)).toEqual([...missed, early]);
    r.close();
  });

  it('an access answer is not kept across a stopped feed: the next SUBSCRIBE asks Official again', async () => {
    const user = newId();
    const [sid, cid] = [newId(), newId()];
    t.official.grant(user, sid, [cid]);
    const c = await open(user);
    await subscribe(c, sid, [cid]);
    await unsubscribe(c, sid);
    // the user loses the server while no socket here watches it: this Edge never sees MEMBER_LEAVE
    t.official.revoke(user, sid);
    await publish('MEMBER_LEAVE', sid);
    const err = c.next({ op: 'ERROR' });
    c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    expect(await err).toMatchObject({ d: { code: 'unknown_server' } });
    c.close();
  });

  it('a "not a member" answer is not kept either: joining (an event this Edge did not see) lets the next SUBSCRIBE in', async () => {
    const user = newId();
    const [sid, cid] = [newId(), newId()];
    const c = await open(user);
    const err = c.next({ op: 'ERROR' });
    c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    expect(await err).toMatchObject({ d: { code: 'unknown_server' } });
    expect(stats().feeds).toBe(1); // the user's; the server's feed ended with the refusal
    t.official.grant(user, sid, [cid]);
    await publish('MEMBER_JOIN', sid);
    await subscribe(c, sid, [cid]);
    c.close();
  });

  it('under subscribe/unsubscribe churn with events racing: every event after SUBSCRIBED arrives, once, in order', async () => {
    // the sockets of earlier tests are gone (their closes may still be in flight)
    for (let i = 0; i < 200 && stats().feeds > 0; i++) await sleep(10);
    expect(stats().feeds).toBe(0);
    const users = [newId(), newId()];
    const [sid, cid] = [newId(), newId()];
    for (const u of users) t.official.grant(u, sid, [cid]);
    const sockets: {
      c: GatewayClient;
      subscribed: boolean;
      subscribedAt: number;
      log: [number, ServerFrame][];
    }[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await open(users[i % 2]!);
      const entry = { c, subscribed: false, subscribedAt: Infinity, log: [] as [number, ServerFrame][] };
      c.ws.on('message', (raw) =>
        entry.log.push([performance.now(), JSON.parse(String(raw)) as ServerFrame]),
      );
      sockets.push(entry);
    }
    // a fixed pseudo-random pattern, with rounds where everyone leaves (the feed stops)
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const published: { s: number; at: number }[] = [];
    let stops = 0;
    for (let round = 0; round < 16; round++) {
      const flips = sockets.filter((x) => (round % 4 === 3 ? x.subscribed : rand() < 0.5));
      const answers = flips.map((x) => {
        x.subscribed = !x.subscribed;
        if (x.subscribed) {
          const next = x.c.next<EventFrame>({ op: 'SUBSCRIBED' }, 10_000);
          x.c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
          return next.then(() => {
            x.subscribedAt = x.log.findLast(([, f]) => f.op === 'SUBSCRIBED')![0];
          });
        }
        x.subscribedAt = Infinity;
        const next = x.c.next({ op: 'UNSUBSCRIBED' }, 10_000);
        x.c.send({ op: 'UNSUBSCRIBE', d: { server_id: sid } });
        return next;
      });
      // events racing the switches
      const racing = (async () => {
        for (let i = 0; i < 8; i++) {
          const at = performance.now();
          published.push({ s: await publish('MESSAGE_CREATE', sid, cid), at });
        }
      })();
      await Promise.all([...answers, racing]);
      if (sockets.every((x) => !x.subscribed)) stops++;
      // a settling event: every subscribed socket gets it, no one else does
      const at = performance.now();
      const settle = await publish('MESSAGE_CREATE', sid, cid);
      published.push({ s: settle, at });
      await Promise.all(sockets.filter((x) => x.subscribed).map((x) => waitSeq(x.c, settle)));
      await sleep(20);
      for (const x of sockets) {
        const got = seqs(x.c);
        expect(new Set(got).size).toBe(got.length); // nothing twice
        expect([...got].sort((p, q) => p - q)).toEqual(got); // in order
        expect(got.includes(settle)).toBe(x.subscribed);
        // every event published after this socket saw SUBSCRIBED reached it
        if (x.subscribed) {
          const owed = published.filter((p) => p.at > x.subscribedAt).map((p) => p.s);
          for (const want of owed) expect(got).toContain(want);
        }
      }
      const anyone = sockets.some((x) => x.subscribed);
      expect(stats().feeds).toBe((anyone ? 1 : 0) + users.length);
    }
    expect(stops).toBeGreaterThanOrEqual(3);
    for (const x of sockets) x.c.close();
  });

  it('a feed lingers after its last socket: a quick return finds it running, nothing lost or doubled; then it stops', async () => {
    const LINGER = 400;
    let starts = 0;
    // the Edge's bus, counting the feeds it starts
    const counted = new Proxy(s.edgeBus, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (key === 'subscribeFeed') starts++;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const e = await startTestEdge({
      bus: counted,
      cache: s.cache,
      overrides: { RATE_LIMITS: 'off', GATEWAY_FEED_LINGER_MS: String(LINGER) },
    });
    try {
      const user = newId();
      const [sid, cid] = [newId(), newId()];
      e.official.grant(user, sid, [cid]);
      const c = await GatewayClient.connect(e.url, await e.kit.access(user));
      await c.waitFor((f) => f.op === 'HELLO');
      await subscribe(c, sid, [cid]);
      const before = starts;
      await unsubscribe(c, sid);
      const between = await publish('MESSAGE_CREATE', sid, cid);
      await subscribe(c, sid, [cid]);
      expect(starts).toBe(before); // the server's feed was still running
      const after = await publish('MESSAGE_CREATE', sid, cid);
      await waitSeq(c, after);
      await sleep(50);
      // the one published while unsubscribed may still have been in flight when SUBSCRIBED went
      // out (as with a feed another socket holds); every later one arrives, once, in order
      const got = () => seqs(c).filter((n) => n !== between);
      expect(got()).toEqual([after]);
      expect(seqs(c).filter((n) => n === between).length).toBeLessThanOrEqual(1);
      const feeds = () => {
        const { feeds: held, lingeringFeeds: lingering } = e.edge.gateway.stats();
        return { held, lingering };
      };
      expect(feeds()).toEqual({ held: 2, lingering: 0 });

      // while it lingers the Edge still sees the server's changes, so no access answer goes stale
      await unsubscribe(c, sid);
      expect(feeds()).toEqual({ held: 1, lingering: 1 });
      e.official.revoke(user, sid);
      await publish('MEMBER_LEAVE', sid);
      await sleep(50);
      const refused = c.next({ op: 'ERROR' });
      c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
      expect(await refused).toMatchObject({ d: { code: 'unknown_server' } });

      // nothing holds it for the linger: it stops (the user's own feed stays with the socket)
      for (let i = 0; i < 100 && feeds().lingering > 0; i++) await sleep(20);
      expect(feeds()).toEqual({ held: 1, lingering: 0 });
      expect(got()).toEqual([after]);
      c.close();
      await c.closed;
      for (let i = 0; i < 50 && feeds().held > 0; i++) await sleep(10);
      expect(feeds()).toEqual({ held: 0, lingering: 1 }); // the user's, after the socket
      for (let i = 0; i < 100 && feeds().lingering > 0; i++) await sleep(20);
      expect(feeds()).toEqual({ held: 0, lingering: 0 });
    } finally {
      await e.close();
    }
  });
});
