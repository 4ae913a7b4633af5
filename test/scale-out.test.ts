/**
 * Scale-out proof on the real NATS JetStream, Redis and PostgreSQL of this machine: two Edge and
 * two Official instances (each with its own bus and cache connections, like separate processes).
 * A message sent through one Edge reaches a socket on the other, a session started on one
 * Edge RESUMEs on the other with nothing lost or doubled, and each Edge receives from the bus
 * only the servers its sockets subscribe to.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBus, type EventBus } from '@twopointo/bus';
import { openCache, type Cache } from '@twopointo/cache';
import { migrate } from '@twopointo/db';
import { readEdgeConfig, startEdge, type RunningEdge } from '@twopointo/edge';
import { readIdentityConfig, startIdentity, type RunningIdentity } from '@twopointo/identity';
import { readOfficialConfig, startOfficial, type RunningOfficial } from '@twopointo/official';
import { api, GatewayClient, serverWithChannel, signUp, type Session } from './helpers/client.ts';
import { distributedBackends, type DistributedBackends } from './helpers/backends.ts';

describe('two Edges and two Officials on NATS JetStream + Redis', () => {
  let backends: DistributedBackends;
  let identity: RunningIdentity;
  const officials: RunningOfficial[] = [];
  const edges: RunningEdge[] = [];
  const opened: { close(): Promise<void> }[] = [];
  let alice: Session;
  let sid: string;
  let cid: string;

  async function connections(): Promise<{ bus: EventBus; cache: Cache }> {
    const bus = await openBus({
      natsUrl: backends.env.NATS_URL,
      stream: backends.stream,
      prefix: backends.prefix,
    });
    const cache = await openCache({ redisUrl: backends.env.REDIS_URL, prefix: backends.redisPrefix });
    opened.push(bus, cache);
    return { bus, cache };
  }

  beforeAll(async () => {
    backends = await distributedBackends();
    await migrate(backends.database);
    const secret = randomBytes(24).toString('base64url');
    const common = {
      ...backends.env,
      HOST: '127.0.0.1',
      INTERNAL_SECRET: secret,
      LOG_LEVEL: 'warn',
      DATA_DIR: '/tmp/tp-scale-out',
      MESSAGE_RATE_LIMIT: '100/10s',
    };
    identity = await startIdentity({
      config: readIdentityConfig({ ...common, IDENTITY_PORT: '0' }),
      cache: (await connections()).cache,
    });
    for (let i = 0; i < 2; i++) {
      const { bus, cache } = await connections();
      officials.push(
        await startOfficial({
          config: readOfficialConfig({ ...common, OFFICIAL_PORT: '0' }),
          database: backends.database,
          bus,
          cache,
        }),
      );
    }
    for (let i = 0; i < 2; i++) {
      const { bus, cache } = await connections();
      edges.push(
        await startEdge({
          config: readEdgeConfig({
            ...common,
            EDGE_PORT: '0',
            IDENTITY_URL: identity.url,
            OFFICIAL_URL: officials[i]!.url,
          }),
          bus,
          cache,
        }),
      );
    }
    alice = await signUp(edges[0]!.url);
    sid = (
      await api<{ id: string }>(edges[0]!.url, 'POST', '/api/servers', {
        token: alice.access,
        body: { name: 'Scaled' },
      })
    ).body.id;
    cid = (
      await api<{ id: string }>(edges[1]!.url, 'POST', `/api/servers/${sid}/channels`, {
        token: alice.access,
        body: { name: 'general' },
      })
    ).body.id;
  });

  afterAll(async () => {
    for (const e of edges) await e.close();
    for (const o of officials) await o.close();
    await identity?.close();
    for (const c of opened.reverse()) await c.close().catch(() => undefined);
    await backends?.cleanup();
  });

  it('delivers a message sent through one Edge to a socket on the other', async () => {
    const ws = await GatewayClient.connect(edges[1]!.url, alice.access);
    ws.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await ws.waitFor((f) => f.op === 'SUBSCRIBED');
    const sent = await api<{ id: string }>(edges[0]!.url, 'POST', `/api/channels/${cid}/messages`, {
      token: alice.access,
      body: { content: 'across instances' },
    });
    expect(sent.status).toBe(201);
    const ev = await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');
    expect(ev).toMatchObject({ d: { id: sent.body.id, content: 'across instances' } });
    ws.close();
  });

  it("receives on each Edge only the events of servers subscribed there, not the other's", async () => {
    const { sid: other, cid: otherCid } = await serverWithChannel(edges[0]!.url, alice);
    const on1 = await GatewayClient.connect(edges[1]!.url, alice.access);
    on1.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await on1.waitFor((f) => f.op === 'SUBSCRIBED');
    const on0 = await GatewayClient.connect(edges[0]!.url, alice.access);
    on0.send({ op: 'SUBSCRIBE', d: { server_id: other, channel_ids: [otherCid] } });
    await on0.waitFor((f) => f.op === 'SUBSCRIBED');
    const stats = () => edges.map((e) => e.gateway.stats().busReceived);
    const before = stats();
    const post = async (channel: string, content: string) =>
      (
        await api<{ id: string }>(edges[0]!.url, 'POST', `/api/channels/${channel}/messages`, {
          token: alice.access,
          body: { content },
        })
      ).body.id;
    const toSid = [await post(cid, 'one'), await post(cid, 'two'), await post(cid, 'three')];
    const toOther = [await post(otherCid, 'a'), await post(otherCid, 'b')];
    const got = (c: GatewayClient, id: string) =>
      c.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === id);
    await got(on1, toSid.at(-1)!);
    await got(on0, toOther.at(-1)!);
    await new Promise((r) => setTimeout(r, 200));
    const after = stats();
    // Edge 0 carries only `other`, Edge 1 only `sid`: neither saw the other's messages
    expect(after[0]! - before[0]!).toBe(toOther.length);
    expect(after[1]! - before[1]!).toBe(toSid.length);
    expect(on0.events('MESSAGE_CREATE').map((e) => (e.d as { id: string }).id)).toEqual(toOther);
    on0.close();
    on1.close();
  });

  it('resumes a session from one Edge on the other without loss or duplicates', async () => {
    const first = await GatewayClient.connect(edges[0]!.url, alice.access);
    const hello = await first.waitFor<{ op: 'HELLO'; d: { session_id: string } }>((f) => f.op === 'HELLO');
    first.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await first.waitFor((f) => f.op === 'SUBSCRIBED');
    const warm = await api<{ id: string }>(edges[0]!.url, 'POST', `/api/channels/${cid}/messages`, {
      token: alice.access,
      body: { content: 'before the drop' },
    });
    const seen = await first.waitFor<{ op: 'EVENT'; s: number; d: { id: string } }>(
      (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === warm.body.id,
    );
    first.ws.terminate();
    await first.closed;

    // while the client is away, messages go in through both Officials
    const watcher = await GatewayClient.connect(edges[0]!.url, alice.access);
    watcher.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await watcher.waitFor((f) => f.op === 'SUBSCRIBED');
    const missed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const via = edges[i % 2]!.url;
      const r = await api<{ id: string }>(via, 'POST', `/api/channels/${cid}/messages`, {
        token: alice.access,
        body: { content: `missed ${i}` },
      });
      expect(r.status).toBe(201);
      missed.push(r.body.id);
    }

    // the relay publishes after the POST answers: wait until the last one is on the bus
    await watcher.waitFor(
      (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === missed.at(-1),
    );
    watcher.close();
    const second = await GatewayClient.connect(edges[1]!.url, alice.access);
    await second.waitFor((f) => f.op === 'HELLO');
    second.send({ op: 'RESUME', d: { session_id: hello.d.session_id, seq: seen.s } });
    await second.waitFor((f) => f.op === 'RESUMED', 10_000);
    const replayed = second.events('MESSAGE_CREATE') as { s: number; d: { id: string } }[];
    expect(replayed.map((e) => e.d.id)).toEqual(missed);
    const seqs = replayed.map((e) => e.s);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(seqs[0]).toBeGreaterThan(seen.s);

    // and live delivery continues on the new Edge
    const after = await api<{ id: string }>(edges[0]!.url, 'POST', `/api/channels/${cid}/messages`, {
      token: alice.access,
      body: { content: 'after resume' },
    });
    await second.waitFor(
      (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === after.body.id,
    );
    expect(
      second.events('MESSAGE_CREATE').filter((e) => (e.d as { id: string }).id === after.body.id),
    ).toHaveLength(1);
    second.close();
  });
});
