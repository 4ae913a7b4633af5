/**
 * Test-only: the Edge in front of the real Identity and Official (the all-in-one system), embedded and on
 * the real PostgreSQL + JetStream + Redis: real tokens at the door, real access checks and real
 * events through the gateway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { TEST_BACKENDS } from '@twopointo/db';
import type { ServerFrame } from '@twopointo/shared';
import { distributedBackends, type DistributedBackends } from '../../../../test/helpers/backends.ts';
import { api, GatewayClient, signUp, type Session } from '../../../../test/helpers/client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Frame<O extends ServerFrame['op']> = Extract<ServerFrame, { op: O }>;

/** The suite for one mode; each mode has its own file so each stays well under a minute. */
export function realServicesSuite(mode: 'embedded' | 'distributed'): void {
  // TEST_BACKENDS may narrow the run to one database backend
  const enabled = TEST_BACKENDS.includes(mode === 'embedded' ? 'pglite' : 'postgres');
  describe.skipIf(!enabled)(`edge with the real services (${mode})`, () => {
    let system: Awaited<ReturnType<typeof startAll>>;
    let dataDir: string;
    let backends: DistributedBackends | undefined;
    let edge: string;
    let alice: Session;
    let bob: Session;
    const sockets: GatewayClient[] = [];

    const connect = async (who: Session) => {
      const c = await GatewayClient.connect(edge, who.access);
      sockets.push(c);
      await c.waitFor((f) => f.op === 'HELLO');
      return c;
    };
    const subscribe = async (c: GatewayClient, sid: string, channelIds: string[]) => {
      const next = c.next<Frame<'SUBSCRIBED'>>({ op: 'SUBSCRIBED' });
      c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: channelIds } });
      return next;
    };
    const post = async (who: Session, cid: string, content: string) => {
      const res = await api<{ id: string }>(edge, 'POST', `/api/channels/${cid}/messages`, {
        token: who.access,
        body: { content },
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    /** a server of alice's with a channel, bob a member through an invite */
    const setup = async () => {
      const server = await api<{ id: string }>(edge, 'POST', '/api/servers', {
        token: alice.access,
        body: { name: 'Edge test' },
      });
      const sid = server.body.id;
      const general = await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
        token: alice.access,
        body: { name: 'general' },
      });
      const secret = await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
        token: alice.access,
        body: { name: 'secret' },
      });
      // @everyone (its id is the server's) may not view #secret
      const deny = await api(edge, 'PUT', `/api/channels/${secret.body.id}/overwrites/${sid}`, {
        token: alice.access,
        body: { type: 'role', allow: '0', deny: '1' },
      });
      expect(deny.status).toBeLessThan(300);
      const invite = await api<{ code: string }>(edge, 'POST', `/api/servers/${sid}/invites`, {
        token: alice.access,
        body: {},
      });
      expect(
        (await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`, { token: bob.access })).status,
      ).toBe(200);
      return { sid, general: general.body.id, secret: secret.body.id };
    };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'tp-edge-int-'));
      if (mode === 'distributed') backends = await distributedBackends();
      system = await startAll({
        dataDir,
        ports: { identity: 0, official: 0, edge: 0 },
        env: { ...backends?.env, DEV_DB_SOCKET_PORT: '0' },
        quiet: true,
      });
      edge = system.edgeUrl;
      alice = await signUp(edge);
      bob = await signUp(edge);
    });

    afterAll(async () => {
      for (const s of sockets) s.ws.terminate();
      await system?.close();
      await backends?.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a partial token opens neither /api nor /ws; an access token opens both', async () => {
      const login = await api<{ partial_token: string }>(edge, 'POST', '/id/auth/login', {
        body: { email: `${alice.username}@example.com`, password: 'S3cretPass!' },
      });
      const partial = login.body.partial_token;
      expect(partial).toBeTruthy();
      const res = await api<{ error: { code: string } }>(edge, 'GET', '/api/me/servers', { token: partial });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('access_token_required');
      await expect(GatewayClient.connect(edge, partial)).rejects.toThrow(/401/);
      expect((await api(edge, 'GET', '/api/me/servers', { token: alice.access })).status).toBe(200);
      expect((await api(edge, 'GET', '/id/me', { token: alice.access })).status).toBe(200);
    });

    it('a signed-out visitor previews an invite through the Edge; nothing else opens', async () => {
      const { sid } = await setup();
      const invite = await api<{ code: string }>(edge, 'POST', `/api/servers/${sid}/invites`, {
        token: alice.access,
        body: { max_age: 3600 },
      });
      const preview = await api<{ server: { id: string; name: string }; member_count: number }>(
        edge,
        'GET',
        `/api/invites/${invite.body.code}`,
      );
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ server: { id: sid, name: 'Edge test' }, member_count: 2 });
      expect((await api(edge, 'GET', '/api/invites/NoSuchCode1')).status).toBe(404);
      expect((await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`)).status).toBe(401);
      expect((await api(edge, 'GET', `/api/servers/${sid}/invites`)).status).toBe(401);
    });

    it('a forged X-User-ID is ignored: the token decides who acts', async () => {
      const res = await api<{ owner_id: string }>(edge, 'POST', '/api/servers', {
        token: alice.access,
        body: { name: 'Mine' },
        headers: { 'x-user-id': bob.userId, 'x-internal-secret': 'guess' },
      });
      expect(res.status).toBe(201);
      expect(res.body.owner_id).toBe(alice.userId);
    });

    it('seed flow on the socket: SUBSCRIBE (hidden channel dropped), presence, MESSAGE_CREATE, TYPING_START, MESSAGE_DELETE', async () => {
      const { sid, general, secret } = await setup();
      const b = await connect(bob);
      const subscribed = await subscribe(b, sid, [general, secret]);
      expect(subscribed.d).toEqual({ server_id: sid, channel_ids: [general] });
      await b.waitFor(
        (f) =>
          f.op === 'EVENT' &&
          f.t === 'PRESENCE_UPDATE' &&
          f.d.user_id === bob.userId &&
          f.d.status === 'online',
      );
      const members = await api<{ members: { user: { id: string }; status: string }[] }>(
        edge,
        'GET',
        `/api/servers/${sid}/members`,
        { token: alice.access },
      );
      expect(members.body.members.find((m) => m.user.id === bob.userId)?.status).toBe('online');

      const mid = await post(alice, general, 'Hello!');
      const created = await b.waitFor<Frame<'EVENT'>>((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');
      expect(created).toMatchObject({
        t: 'MESSAGE_CREATE',
        d: { id: mid, content: 'Hello!', channel_id: general },
      });
      expect(typeof (created as { s?: number }).s).toBe('number');
      await post(alice, secret, 'not for bob');

      expect(
        (await api(edge, 'POST', `/api/channels/${general}/typing`, { token: alice.access })).status,
      ).toBe(204);
      const typing = await b.waitFor<Frame<'EVENT'>>((f) => f.op === 'EVENT' && f.t === 'TYPING_START');
      expect(typing).toMatchObject({ d: { channel_id: general, user_id: alice.userId } });
      expect('s' in typing).toBe(false);

      expect((await api(edge, 'DELETE', `/api/messages/${mid}`, { token: alice.access })).status).toBe(204);
      await b.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_DELETE');
      expect(b.events('MESSAGE_CREATE').map((e) => (e.d as { content: string }).content)).toEqual(['Hello!']);
    });

    it('RESUME after a drop replays exactly the missed events', async () => {
      const { sid, general } = await setup();
      const b = await connect(bob);
      const sessionId = (b.frames[0] as Frame<'HELLO'>).d.session_id;
      await subscribe(b, sid, [general]);
      await post(alice, general, 'before');
      const before = (await b.waitFor<Frame<'EVENT'>>(
        (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE',
      )) as {
        s: number;
      };
      b.ws.terminate();
      await b.closed;
      // a watcher proves both events reached the bus (the relay publishes after the POST answers)
      const watcher = await connect(alice);
      await subscribe(watcher, sid, [general]);
      const missed = [await post(alice, general, 'missed 1'), await post(alice, general, 'missed 2')];
      for (const id of missed)
        await watcher.waitFor(
          (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === id,
        );
      watcher.close();
      const r = await connect(bob);
      r.send({ op: 'RESUME', d: { session_id: sessionId, seq: before.s } });
      const resumed = await r.waitFor<Frame<'RESUMED'>>((f) => f.op === 'RESUMED');
      expect(resumed.d.replayed).toBe(2);
      expect(r.events('MESSAGE_CREATE').map((e) => (e.d as { id: string }).id)).toEqual(missed);
      const live = await post(alice, general, 'live');
      await r.waitFor(
        (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === live,
      );
    });

    it("an ack reaches the user's other sockets as READ_STATE_UPDATE (no SUBSCRIBE), and only theirs", async () => {
      const { sid, general } = await setup();
      const phone = await connect(bob);
      const laptop = await connect(bob);
      const watcher = await connect(alice);
      await subscribe(watcher, sid, [general]);
      const mid = await post(alice, general, `hello <@${bob.userId}>`);
      const ack = await api(edge, 'POST', `/api/channels/${general}/messages/${mid}/ack`, {
        token: bob.access,
      });
      expect(ack.status).toBe(204);
      const want = { channel_id: general, last_read_id: mid, mention_count: 0 };
      for (const c of [phone, laptop]) {
        const ev = await c.waitFor<Frame<'EVENT'>>((f) => f.op === 'EVENT' && f.t === 'READ_STATE_UPDATE');
        expect(ev.d).toEqual(want);
      }
      // alice's socket hears her channel's next message, never bob's read state
      const next = await post(alice, general, 'after the ack');
      await watcher.waitFor(
        (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === next,
      );
      expect(watcher.events('READ_STATE_UPDATE')).toEqual([]);
    });

    it('losing VIEW_CHANNEL, then membership, removes the subscription at once', async () => {
      const { sid, general } = await setup();
      const other = await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
        token: alice.access,
        body: { name: 'other' },
      });
      const b = await connect(bob);
      await subscribe(b, sid, [general, other.body.id]);

      // a member overwrite denying bob VIEW_CHANNEL on #general
      const deny = await api(edge, 'PUT', `/api/channels/${general}/overwrites/${bob.userId}`, {
        token: alice.access,
        body: { type: 'member', allow: '0', deny: '1' },
      });
      expect(deny.status).toBeLessThan(300);
      const unsub = await b.waitFor<Frame<'UNSUBSCRIBED'>>((f) => f.op === 'UNSUBSCRIBED');
      expect(unsub.d).toEqual({ server_id: sid, channel_ids: [general] });
      await post(alice, general, 'bob cannot see this');
      const ok = await post(alice, other.body.id, 'bob sees this');
      await b.waitFor(
        (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === ok,
      );
      expect(b.events('MESSAGE_CREATE')).toHaveLength(1);

      // kicked: MEMBER_LEAVE arrives, then the server subscription is gone
      expect(
        (await api(edge, 'DELETE', `/api/servers/${sid}/members/${bob.userId}`, { token: alice.access }))
          .status,
      ).toBe(204);
      const leave = await b.waitFor<Frame<'EVENT'>>((f) => f.op === 'EVENT' && f.t === 'MEMBER_LEAVE');
      const gone = await b.waitFor<Frame<'UNSUBSCRIBED'>>((f) => f.op === 'UNSUBSCRIBED' && f !== unsub);
      expect(gone.d).toEqual({ server_id: sid, channel_ids: [other.body.id] });
      expect(b.frames.indexOf(leave)).toBeLessThan(b.frames.indexOf(gone));
      await post(alice, other.body.id, 'after the kick');
      await sleep(300);
      expect(b.events('MESSAGE_CREATE')).toHaveLength(1);
    });
  });
}
