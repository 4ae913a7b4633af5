/**
 * DMs through the whole system (Identity, Official, Edge): a DM's events reach its recipients'
 * sockets without SUBSCRIBE, never a third user's (even one subscribed to a server they share),
 * and RESUME replays what a recipient missed. Embedded and distributed (PostgreSQL, JetStream, Redis).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { TEST_BACKENDS } from '@twopointo/db';
import type { ServerFrame } from '@twopointo/shared';
import { distributedBackends, type DistributedBackends } from './helpers/backends.ts';
import { api, GatewayClient, serverWithChannel, signUp, type Session } from './helpers/client.ts';

const modes = TEST_BACKENDS.map((b) => (b === 'pglite' ? 'embedded' : 'distributed'));
type EventFrame = Extract<ServerFrame, { op: 'EVENT' }>;

describe.each(modes)('DM events through the gateway (%s)', (mode) => {
  let system: Awaited<ReturnType<typeof startAll>>;
  let dataDir: string;
  let backends: DistributedBackends | undefined;
  let edge: string;
  const sockets: GatewayClient[] = [];

  const socket = async (s: Session) => {
    const c = await GatewayClient.connect(edge, s.access);
    sockets.push(c);
    await c.waitFor((f) => f.op === 'HELLO');
    return c;
  };
  const aboutDm = (cid: string) => (f: ServerFrame) =>
    f.op === 'EVENT' && (('channel_id' in f.d && f.d.channel_id === cid) || ('id' in f.d && f.d.id === cid));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tp-dm-'));
    if (mode === 'distributed') backends = await distributedBackends();
    const env = { ...backends?.env, DEV_DB_SOCKET_PORT: '0' };
    system = await startAll({ dataDir, ports: { identity: 0, official: 0, edge: 0 }, env, quiet: true });
    edge = system.edgeUrl;
  });

  afterAll(async () => {
    for (const c of sockets) c.ws.terminate();
    await system?.close();
    await backends?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reach only the recipients, live and on RESUME', async () => {
    const [alice, bob, carol] = [await signUp(edge), await signUp(edge), await signUp(edge)];
    const { sid, cid: general } = await serverWithChannel(edge, alice, [bob, carol]);
    const [a, b, c] = [await socket(alice), await socket(bob), await socket(carol)];
    // carol follows everything of the server they share; it must not carry the DM
    c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [general] } });
    await c.waitFor((f) => f.op === 'SUBSCRIBED');

    const dm = await api<{ id: string }>(edge, 'POST', '/api/me/channels', {
      token: alice.access,
      body: { recipient_ids: [bob.userId] },
    });
    expect(dm.status).toBe(201);
    const cid = dm.body.id;
    for (const s of [a, b])
      await s.waitFor((f) => f.op === 'EVENT' && f.t === 'DM_CHANNEL_CREATE' && f.d.id === cid);

    const sent = await api<{ id: string }>(edge, 'POST', `/api/channels/${cid}/messages`, {
      token: alice.access,
      body: { content: 'hello bob' },
    });
    expect(sent.status).toBe(201);
    const created = await b.waitFor<EventFrame>((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');
    expect(created.d).toMatchObject({
      id: sent.body.id,
      channel_id: cid,
      server_id: null,
      content: 'hello bob',
    });
    await a.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');

    const emoji = encodeURIComponent('👍');
    const reacted = await api(
      edge,
      'PUT',
      `/api/channels/${cid}/messages/${sent.body.id}/reactions/${emoji}/@me`,
      {
        token: bob.access,
      },
    );
    expect(reacted.status).toBe(204);
    await a.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_REACTION_ADD');
    expect((await api(edge, 'POST', `/api/channels/${cid}/typing`, { token: alice.access })).status).toBe(
      204,
    );
    const typing = await b.waitFor<EventFrame>((f) => f.op === 'EVENT' && f.t === 'TYPING_START');
    expect(typing.d).toMatchObject({ channel_id: cid, user_id: alice.userId, server_id: null });

    // a message in the shared server reaches carol: by then anything of the DM would have too
    const marker = await api<{ id: string }>(edge, 'POST', `/api/channels/${general}/messages`, {
      token: alice.access,
      body: { content: 'marker' },
    });
    await c.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && f.d.id === marker.body.id);
    expect(c.frames.filter(aboutDm(cid))).toEqual([]);
    // and alice's own typing never echoes to her
    expect(a.events('TYPING_START')).toEqual([]);

    // bob drops; what alice sends meanwhile is replayed by RESUME, in order
    const sessionId = (b.frames[0] as Extract<ServerFrame, { op: 'HELLO' }>).d.session_id;
    const seen = Math.max(...b.events().flatMap((e) => ('s' in e ? [e.s] : [])));
    b.ws.terminate();
    await b.closed;
    const missed: string[] = [];
    for (const content of ['while you were away', 'and again']) {
      const r = await api<{ id: string }>(edge, 'POST', `/api/channels/${cid}/messages`, {
        token: alice.access,
        body: { content },
      });
      missed.push(r.body.id);
    }
    // on the stream before bob comes back (alice, a recipient too, has them): so RESUME must replay them
    for (const id of missed)
      await a.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && f.d.id === id);
    const back = await socket(bob);
    back.send({ op: 'RESUME', d: { session_id: sessionId, seq: seen } });
    const resumed = await back.waitFor<Extract<ServerFrame, { op: 'RESUMED' }>>((f) => f.op === 'RESUMED');
    expect(resumed.d.replayed).toBe(2);
    expect(back.events('MESSAGE_CREATE').map((e) => (e.d as { id: string }).id)).toEqual(missed);
    // carol got none of them
    expect(c.frames.filter(aboutDm(cid))).toEqual([]);
  });

  it("closing a 1:1 DM tells every socket of the closer and no one else's; a new message brings it back", async () => {
    const [alice, bob] = [await signUp(edge), await signUp(edge)];
    await serverWithChannel(edge, alice, [bob]);
    const [a1, a2, b] = [await socket(alice), await socket(alice), await socket(bob)];
    const dm = await api<{ id: string }>(edge, 'POST', '/api/me/channels', {
      token: alice.access,
      body: { recipient_ids: [bob.userId] },
    });
    const cid = dm.body.id;
    await b.waitFor((f) => f.op === 'EVENT' && f.t === 'DM_CHANNEL_CREATE' && f.d.id === cid);
    expect((await api(edge, 'DELETE', `/api/channels/${cid}`, { token: alice.access })).status).toBe(204);
    for (const s of [a1, a2])
      await s.waitFor((f) => f.op === 'EVENT' && f.t === 'DM_CHANNEL_DELETE' && f.d.id === cid);
    const listed = async (token: string) =>
      (
        await api<{ channels: { id: string }[] }>(edge, 'GET', '/api/me/channels', { token })
      ).body.channels.map((c) => c.id);
    expect(await listed(alice.access)).not.toContain(cid);
    expect(await listed(bob.access)).toContain(cid);

    // bob writes: the message reaches both of alice's sockets and the DM is listed for her again
    const sent = await api<{ id: string }>(edge, 'POST', `/api/channels/${cid}/messages`, {
      token: bob.access,
      body: { content: 'still there?' },
    });
    for (const s of [a1, a2, b])
      await s.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && f.d.id === sent.body.id);
    expect(await listed(alice.access)).toContain(cid);
    // bob never heard of the close
    expect(b.events('DM_CHANNEL_DELETE')).toEqual([]);
  });
});
