/**
 * Accounts through the Edge, on the embedded default and on PostgreSQL + NATS + Redis: a profile
 * change reaches the user's other socket and a member of a shared server (not a stranger), an
 * avatar is served to anyone without a token, and messages and members carry the new profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { TEST_BACKENDS } from '@twopointo/db';
import { distributedBackends, type DistributedBackends } from './helpers/backends.ts';
import { api, GatewayClient, serverWithChannel, signUp, type Session } from './helpers/client.ts';

const modes = TEST_BACKENDS.map((b) => (b === 'pglite' ? 'embedded' : 'distributed'));

describe.each(modes)('accounts (%s)', (mode) => {
  let system: Awaited<ReturnType<typeof startAll>>;
  let dataDir: string;
  let backends: DistributedBackends | undefined;
  let edge: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tp-accounts-'));
    if (mode === 'distributed') backends = await distributedBackends();
    const env = { ...backends?.env, DEV_DB_SOCKET_PORT: '0' };
    system = await startAll({ dataDir, ports: { identity: 0, official: 0, edge: 0 }, env, quiet: true });
    edge = system.edgeUrl;
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await backends?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** create → PUT → complete, through the Edge like the web client */
  const upload = async (who: Session, bytes: Buffer, contentType: string): Promise<string> => {
    const created = await api<{ id: string; upload: { url: string; headers: Record<string, string> } }>(
      edge,
      'POST',
      '/api/assets',
      { token: who.access, body: { filename: 'me.png', content_type: contentType, size: bytes.length } },
    );
    expect(created.status).toBe(201);
    const target = created.body.upload.url.startsWith('/')
      ? edge + created.body.upload.url
      : created.body.upload.url;
    const put = await fetch(target, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: new Uint8Array(bytes),
    });
    expect(put.status).toBe(200);
    const done = await api(edge, 'POST', `/api/assets/${created.body.id}/complete`, { token: who.access });
    expect(done.status).toBe(200);
    return created.body.id;
  };

  it('USER_UPDATE reaches the user’s other socket and a member of a shared server, not a stranger', async () => {
    const alice = await signUp(edge);
    const bob = await signUp(edge);
    const stranger = await signUp(edge);
    const { sid, cid } = await serverWithChannel(edge, alice, [bob]);
    const other = await serverWithChannel(edge, stranger);

    const aliceOther = await GatewayClient.connect(edge, alice.access);
    const bobWs = await GatewayClient.connect(edge, bob.access);
    const strangerWs = await GatewayClient.connect(edge, stranger.access);
    bobWs.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    strangerWs.send({ op: 'SUBSCRIBE', d: { server_id: other.sid, channel_ids: [other.cid] } });
    await bobWs.waitFor((f) => f.op === 'SUBSCRIBED');
    await strangerWs.waitFor((f) => f.op === 'SUBSCRIBED');

    const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#cc3366' } })
      .png()
      .toBuffer();
    const avatar = await upload(alice, png, 'image/png');
    const res = await api<{ display_name: string; avatar: string }>(edge, 'PATCH', '/id/me', {
      token: alice.access,
      body: { display_name: 'Alice Liddell', avatar_asset_id: avatar, about: 'Down the rabbit hole' },
    });
    expect(res.status).toBe(200);
    const expected = {
      id: alice.userId,
      username: alice.username,
      display_name: 'Alice Liddell',
      avatar,
      about: 'Down the rabbit hole',
    };
    const isUpdate = (f: { op: string; t?: string }) => f.op === 'EVENT' && f.t === 'USER_UPDATE';
    expect(await aliceOther.waitFor(isUpdate)).toMatchObject({ d: expected, s: expect.any(Number) });
    expect(await bobWs.waitFor(isUpdate)).toMatchObject({ d: expected });
    // the stranger's socket got nothing by the time the member's did (and a moment after)
    await new Promise((r) => setTimeout(r, 300));
    expect(strangerWs.events('USER_UPDATE')).toEqual([]);

    // anyone may fetch the avatar, without a token
    const img = await fetch(`${edge}/api/images/${avatar}/64`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/webp');
    expect(img.headers.get('cache-control')).toContain('immutable');
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    // a private asset is not an image anyone may fetch
    const secret = await upload(bob, png, 'image/png');
    expect((await fetch(`${edge}/api/images/${secret}/64`)).status).toBe(404);
    // and the rest of /api still needs the token
    expect((await fetch(`${edge}/api/images/${avatar}`)).status).toBe(401);

    // messages and members now carry the profile
    const posted = await api<{ author: unknown }>(edge, 'POST', `/api/channels/${cid}/messages`, {
      token: alice.access,
      body: { content: 'hi' },
    });
    expect(posted.body.author).toEqual({
      id: alice.userId,
      username: alice.username,
      display_name: 'Alice Liddell',
      avatar,
    });
    const page = await api<{ messages: { author: unknown }[] }>(
      edge,
      'GET',
      `/api/channels/${cid}/messages`,
      {
        token: bob.access,
      },
    );
    expect(page.body.messages[0]?.author).toEqual(posted.body.author);
    const members = await api<{ members: { user: { id: string } }[] }>(
      edge,
      'GET',
      `/api/servers/${sid}/members`,
      {
        token: bob.access,
      },
    );
    expect(members.body.members.find((m) => m.user.id === alice.userId)?.user).toEqual(posted.body.author);

    for (const ws of [aliceOther, bobWs, strangerWs]) ws.close();
  }, 60_000);

  it('a rename shows in cached pages at once after the event (read cache invalidated)', async () => {
    const carol = await signUp(edge);
    const { cid } = await serverWithChannel(edge, carol);
    await api(edge, 'POST', `/api/channels/${cid}/messages`, {
      token: carol.access,
      body: { content: 'one' },
    });
    // warm the newest page
    await api(edge, 'GET', `/api/channels/${cid}/messages`, { token: carol.access });
    const ws = await GatewayClient.connect(edge, carol.access);
    await ws.waitFor((f) => f.op === 'HELLO');
    const renamed = `carol_${Date.now().toString(36)}`;
    expect(
      (await api(edge, 'PATCH', '/id/me', { token: carol.access, body: { username: renamed } })).status,
    ).toBe(200);
    await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'USER_UPDATE');
    // the server-scoped record reaches Official's read cache through the bus shortly after
    let author = '';
    for (let i = 0; i < 50 && author !== renamed; i++) {
      const page = await api<{ messages: { author: { username: string } }[] }>(
        edge,
        'GET',
        `/api/channels/${cid}/messages`,
        { token: carol.access },
      );
      author = page.body.messages[0]!.author.username;
      if (author !== renamed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(author).toBe(renamed);
    ws.close();
  }, 60_000);
});
