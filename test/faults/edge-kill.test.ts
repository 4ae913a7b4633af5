/**
 * Two Edges on one JetStream stream and one Redis; Edge B runs as its own process and is killed
 * with SIGKILL while messages keep coming. Its clients reconnect to Edge A and RESUME with the
 * session id from HELLO and their last `s`: across both connections each gets every
 * MESSAGE_CREATE exactly once, in order (no client-side de-duplication).
 * Also here: Identity restarted with the same key file → tokens issued before still open the Edge
 * (a fresh Edge with a cold JWKS cache included), and refresh tokens still work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { JwtVerifier, readEdgeConfig, startEdge } from '@twopointo/edge';
import { readIdentityConfig, startIdentity } from '@twopointo/identity';
import { REPO_ROOT } from '@twopointo/server-kit';
import { api, GatewayClient, serverWithChannel, signUp, type Session } from '../helpers/client.ts';
import { freePort } from '../helpers/nats-server.ts';
import { sleep, startSystem, type TestSystem } from '../security/harness.ts';
import { compare, outboxMessageOrder, until } from './support.ts';

/** One logical client across reconnects: what it got, over every connection it had. */
class ResumingClient {
  readonly conns: GatewayClient[] = [];
  sessionId = '';
  private lastBefore = 0;
  resumed = 0;

  constructor(private readonly token: string) {}

  get conn(): GatewayClient {
    return this.conns[this.conns.length - 1]!;
  }

  /** MESSAGE_CREATE events over all connections, in arrival order. */
  private events(): { id: string; s: number }[] {
    return this.conns.flatMap((c) =>
      (c.events('MESSAGE_CREATE') as unknown as { s: number; d: { id: string } }[]).map((e) => ({
        id: e.d.id,
        s: e.s,
      })),
    );
  }
  get ids(): string[] {
    return this.events().map((e) => e.id);
  }
  get seqs(): number[] {
    return this.events().map((e) => e.s);
  }
  /** the last `s` the current connection delivered (or the one before it, if none yet) */
  get lastS(): number {
    const durable = this.conn.frames.filter(
      (f) => f.op === 'EVENT' && typeof (f as { s?: unknown }).s === 'number',
    );
    return durable.length ? (durable[durable.length - 1] as unknown as { s: number }).s : this.lastBefore;
  }

  async connect(edge: string, sid: string, cid: string): Promise<void> {
    const c = await GatewayClient.connect(edge, this.token);
    this.conns.push(c);
    const hello = await c.waitFor((f) => f.op === 'HELLO');
    this.sessionId = (hello as unknown as { d: { session_id: string } }).d.session_id;
    c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await c.waitFor((f) => f.op === 'SUBSCRIBED');
  }

  async resume(edge: string): Promise<void> {
    const seq = this.lastS;
    this.lastBefore = seq;
    const c = await GatewayClient.connect(edge, this.token);
    this.conns.push(c);
    await c.waitFor((f) => f.op === 'HELLO');
    c.send({ op: 'RESUME', d: { session_id: this.sessionId, seq } });
    const answer = await c.waitFor((f) => f.op === 'RESUMED' || f.op === 'INVALID_SESSION', 15_000);
    if (answer.op !== 'RESUMED') throw new Error('session could not be resumed');
    this.resumed++;
  }
}

describe('an Edge killed', () => {
  let t: TestSystem;
  let a: Session;
  let b: Session;
  let sid: string;
  let cid: string;
  let edgeB: ChildProcess | undefined;

  beforeAll(async () => {
    t = await startSystem({
      env: {
        RATE_LIMITS: 'off',
        INTERNAL_SECRET: 'edge-kill-' + Math.random().toString(36).slice(2),
        // short leases, so a killed Edge's presence is taken back within the test
        PRESENCE_LEASE_S: '2',
      },
      keyFile: true,
    });
    [a, b] = await Promise.all([signUp(t.edge), signUp(t.edge)]);
    ({ sid, cid } = await serverWithChannel(t.edge, a, [b]));
  });
  afterAll(async () => {
    edgeB?.kill('SIGKILL');
    await t?.close();
  });

  /** Edge B as its own process on the system's backends; resolves with its URL once it listens. */
  async function spawnEdgeB(): Promise<string> {
    const port = await freePort();
    const urlB = `http://127.0.0.1:${port}`;
    edgeB = spawn(process.execPath, ['--import', 'tsx', 'services/edge/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...t.env,
        EDGE_PORT: String(port),
        IDENTITY_URL: t.sys.identityUrl,
        OFFICIAL_URL: t.sys.officialUrl,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await until(
      async () => (await fetch(`${urlB}/healthz`).catch(() => null))?.status === 200,
      30_000,
      'Edge B to listen',
    );

    return urlB;
  }

  it('its clients reconnect to the other Edge and RESUME with nothing lost and nothing twice', async () => {
    const urlB = await spawnEdgeB();
    const clients = [
      new ResumingClient(a.access),
      new ResumingClient(b.access),
      new ResumingClient(a.access),
    ];
    for (const c of clients) await c.connect(urlB, sid, cid);

    // messages keep coming (through Edge A) before, during and after the kill
    let sent = 0;
    let failedPosts = 0;
    let sending = true;
    onTestFinished(() => {
      sending = false;
    });
    const sender = (async () => {
      while (sending) {
        const r = await api(t.edge, 'POST', `/api/channels/${cid}/messages`, {
          token: a.access,
          body: { content: `m${sent}` },
        }).catch(() => ({ status: 0 }));
        if (r.status !== 201) failedPosts++;
        else sent++;
        await sleep(5);
      }
    })();
    await until(() => clients.every((c) => c.ids.length >= 30), 15_000, 'events through Edge B');

    const killedAt = Date.now();
    edgeB!.kill('SIGKILL');
    await Promise.all(clients.map((c) => c.conn.closed));
    const noticedMs = Date.now() - killedAt;
    await sleep(300); // a little more is missed while the clients are away
    await Promise.all(clients.map((c) => c.resume(t.edge)));
    const resumedMs = Date.now() - killedAt;
    await sleep(500);
    sending = false;
    await sender;

    expect(failedPosts).toBe(0);
    const stored = await outboxMessageOrder(t.sys.database, cid);
    expect(stored).toHaveLength(sent);
    await until(() => clients.every((c) => c.ids.length >= stored.length), 20_000, 'every event on Edge A');
    await sleep(300);
    for (const c of clients) {
      const diff = compare(c.ids, stored);
      expect(diff).toEqual({ duplicates: 0, missing: 0, extra: 0 });
      expect(c.ids).toEqual(stored);
      expect(c.seqs.every((s, i) => i === 0 || s > c.seqs[i - 1]!)).toBe(true);
      expect(c.resumed).toBe(1);
      c.conn.close();
    }
    console.log(
      `[fault edge] SIGKILL of Edge B with ${clients.length} clients: closes seen after ${noticedMs} ms, all RESUMED on Edge A ` +
        `${resumedMs} ms after the kill; ${sent} messages, events lost 0, duplicates 0`,
    );
  }, 120_000);

  it("its users' presence is taken back by the surviving Edge: they go offline", async () => {
    const status = async () =>
      (
        await api<{ members: { user: { id: string }; status: string }[] }>(
          t.edge,
          'GET',
          `/api/servers/${sid}/members`,
          { token: a.access },
        )
      ).body.members.find((m) => m.user.id === b.userId)?.status;
    // the Edge killed in the test before held b's sockets too: its lease runs out first
    await until(async () => (await status()) === 'offline', 20_000, "the first Edge B's presence taken back");
    const urlB = await spawnEdgeB();
    const watcher = await GatewayClient.connect(t.edge, a.access);
    await watcher.waitFor((f) => f.op === 'HELLO');
    watcher.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await watcher.waitFor((f) => f.op === 'SUBSCRIBED');
    const presence = (status: string) => (f: { op: string; t?: string; d?: unknown }) =>
      f.op === 'EVENT' &&
      f.t === 'PRESENCE_UPDATE' &&
      (f.d as { user_id: string; status: string }).user_id === b.userId &&
      (f.d as { status: string }).status === status;
    const onB = await GatewayClient.connect(urlB, b.access);
    await onB.waitFor((f) => f.op === 'HELLO');
    onB.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await onB.waitFor((f) => f.op === 'SUBSCRIBED');
    await watcher.waitFor(presence('online'));
    expect(await status()).toBe('online');

    const killedAt = Date.now();
    edgeB!.kill('SIGKILL');
    await watcher.waitFor(presence('offline'), 20_000);
    const offlineMs = Date.now() - killedAt;
    expect(await status()).toBe('offline');
    watcher.close();
    console.log(
      `[fault edge] presence of the killed Edge's user taken back after ${offlineMs} ms (lease 2 s)`,
    );
  }, 60_000);

  it('Identity restarted with the same key file: tokens issued before still open the Edge', async () => {
    const before = await signUp(t.edge);
    const url = new URL(t.sys.identityUrl);
    await t.sys.identity.close();
    // the same port, so the running Edge reaches the new process where it reached the old one
    const identity = await startIdentity({
      config: readIdentityConfig({ ...t.env, IDENTITY_PORT: url.port, LOG_LEVEL: 'warn' }),
      database: t.sys.database,
      cache: t.sys.cache,
    });
    // startAll closes whatever its identity handle closes: now the new process
    t.sys.identity.close = () => identity.close();
    expect((await api(t.edge, 'GET', '/api/me/servers', { token: before.access })).status).toBe(200);
    expect((await api(t.edge, 'GET', '/id/me', { token: before.access })).status).toBe(200);
    // a fresh Edge (cold JWKS cache) accepts the old token too: the key really is the same
    const fresh = await startEdge({
      config: readEdgeConfig({
        ...t.env,
        EDGE_PORT: '0',
        IDENTITY_URL: identity.url,
        OFFICIAL_URL: t.sys.officialUrl,
        LOG_LEVEL: 'warn',
      }),
    });
    try {
      expect((await api(fresh.url, 'GET', '/api/me/servers', { token: before.access })).status).toBe(200);
      const ws = await GatewayClient.connect(fresh.url, before.access);
      await ws.waitFor((f) => f.op === 'HELLO');
      ws.close();
    } finally {
      await fresh.close();
    }
    const verifier = new JwtVerifier({
      identityUrl: identity.url,
      issuer: 'twopointo-identity',
      audience: 'twopointo',
    });
    expect((await verifier.verify(before.access)).sub).toBe(before.userId);
    // and the refresh token issued before the restart still rotates
    expect(
      (await api(t.edge, 'POST', '/id/auth/refresh', { body: { refresh_token: before.refresh } })).status,
    ).toBe(200);
  }, 60_000);
});
