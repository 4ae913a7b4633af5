/**
 * Voice on a real Janus (started on loopback by the test): join creates the room and answers
 * credentials that work against Janus, limits and permissions, leave destroys the emptied room,
 * switching channels, server mute applied in Janus, disconnect kicks, the heartbeat window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { JanusError, VideoRoomControl, coreToken, roomToken } from '@twopointo/janus';
import { JanusTestPeer, janusAvailable, startTestJanus, type TestJanus } from '@twopointo/janus/testing';
import { presenceUserKey } from '@twopointo/server-kit';
import { Permissions } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!janusAvailable()).each(TEST_BACKENDS)('voice on a real Janus (%s)', (backend) => {
  let janus: TestJanus;
  let h: Harness;
  let control: VideoRoomControl;
  let owner: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let sid: string;
  const peers: JanusTestPeer[] = [];

  const channel = async (body: Record<string, unknown>) => {
    const res = await h.call('POST', `/servers/${sid}/channels`, { as: owner, body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const join = (who: TestUser, cid: string, body: Record<string, unknown> = {}) =>
    h.call('POST', `/channels/${cid}/voice`, { as: who, body });
  const roomExists = async (cid: string) =>
    (await control.request({ request: 'exists', room: cid })).exists === true;
  const peer = async (creds: Parameters<typeof JanusTestPeer.connect>[1]) => {
    const p = await JanusTestPeer.connect(janus.urls[0]!, creds);
    peers.push(p);
    return p;
  };
  const voiceEvents = (uid: string) =>
    h.ephemeral.filter((e) => e.t === 'VOICE_STATE_UPDATE' && (e.d as { user_id: string }).user_id === uid);
  const online = (u: TestUser, n: number) => h.cache.set(presenceUserKey(u.id), String(n), 0);

  beforeAll(async () => {
    janus = await startTestJanus();
    control = new VideoRoomControl(janus.urls[0]!, janus.tokenSecret);
    h = await startHarness(backend, {
      RATE_LIMITS: 'off',
      ...janus.env,
      HEARTBEAT_INTERVAL: '200',
      VOICE_SWEEP_MS: '60',
      VOICE_ICE_SERVERS: 'stun:stun.example.org:3478,turn:turn.example.org:3478',
      VOICE_TURN_SECRET: 'turn-secret-for-tests',
    });
    owner = await h.user('owner');
    bob = await h.user('bob');
    carol = await h.user('carol');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'Voice' } })).body.id;
    for (const u of [bob, carol]) {
      await h.database.db.insertInto('members').values({ server_id: sid, user_id: u.id }).execute();
      await online(u, 1);
    }
    await online(owner, 1);
  });
  afterAll(async () => {
    for (const p of peers) p.close();
    control?.close();
    await h?.close();
    await janus?.stop();
  });

  it('answers voice status; a join creates the room and its credentials work against Janus', async () => {
    expect((await h.call('GET', '/voice/status', { as: bob })).body).toEqual({ available: true });
    const cid = await channel({ name: 'lounge', type: 'voice', bitrate: 32000 });
    const res = await join(bob, cid, { self_mute: true });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a).toMatchObject({
      room: cid,
      bitrate: 32000,
      url: `/voice?token=${encodeURIComponent(a.join_token)}`,
      voice_state: { user_id: bob.id, server_id: sid, channel_id: cid, self_mute: true, mute: false },
    });
    expect(a.participant_id).toMatch(new RegExp(`^${bob.id}-`));
    expect(Date.parse(a.expires_at) - Date.now()).toBeGreaterThan(800_000);
    expect(a.ice_servers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
    expect(a.ice_servers[1]).toMatchObject({
      urls: ['turn:turn.example.org:3478'],
      username: expect.stringMatching(/^\d+:/),
    });
    expect(JSON.stringify(a)).not.toContain(
      (await h.cache.get(`voice:room:${cid}`))
        ? JSON.parse((await h.cache.get(`voice:room:${cid}`))!).secret
        : 'x',
    );
    expect(await roomExists(cid)).toBe(true);
    expect(voiceEvents(bob.id).at(-1)).toMatchObject({
      server_id: sid,
      d: { channel_id: cid, self_mute: true },
    });

    const p = await peer(a);
    const joined = await p.join();
    expect(joined.plugindata).toMatchObject({ data: { videoroom: 'joined', id: a.participant_id } });

    // a token for the room that Official did not admit, or a foreign signature, is refused by Janus
    const exp = Math.floor(Date.now() / 1000) + 60;
    const stranger = await peer({ ...a, participant_id: 'stranger' });
    await expect(stranger.join({ token: roomToken(janus.tokenSecret, cid, exp) })).rejects.toMatchObject({
      code: 433,
    });
    await expect(
      JanusTestPeer.connect(janus.urls[0]!, { ...a, token: coreToken('another-secret-0123456789', exp) }),
    ).rejects.toBeInstanceOf(JanusError);

    const list = await h.call('GET', `/servers/${sid}/voice-states`, { as: owner });
    expect(list.body.voice_states).toEqual([a.voice_state]);

    // leaving as the last one destroys the room
    expect((await h.call('DELETE', `/channels/${cid}/voice`, { as: bob })).status).toBe(204);
    expect(await roomExists(cid)).toBe(false);
    expect(voiceEvents(bob.id).at(-1)).toMatchObject({ d: { channel_id: null } });
    expect((await h.call('GET', `/servers/${sid}/voice-states`, { as: owner })).body.voice_states).toEqual(
      [],
    );
    expect((await h.call('DELETE', `/channels/${cid}/voice`, { as: bob })).status).toBe(204);
  });

  it('refuses text channels, missing CONNECT, strangers, and a full channel (MOVE_MEMBERS goes past)', async () => {
    const text = await channel({ name: 'chat' });
    let res = await join(bob, text);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_voice_channel');

    const duo = await channel({ name: 'duo', type: 'voice', user_limit: 1 });
    expect((await join(bob, duo)).status).toBe(200);
    res = await join(carol, duo);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('voice_channel_full');
    expect((await join(owner, duo)).status).toBe(200);

    const closed = await channel({ name: 'closed', type: 'voice' });
    const deny = await h.call('PUT', `/channels/${closed}/overwrites/${sid}`, {
      as: owner,
      body: { type: 'role', allow: '0', deny: String(Permissions.CONNECT) },
    });
    expect(deny.status).toBeLessThan(300);
    res = await join(carol, closed);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('missing_permission');

    const outsider = await h.user('outsider');
    res = await join(outsider, duo);
    expect(res.status).toBe(404);

    await h.call('DELETE', `/channels/${duo}/voice`, { as: bob });
    await h.call('DELETE', `/channels/${duo}/voice`, { as: owner });
    expect(await roomExists(duo)).toBe(false);
  });

  it('one voice channel per user: joining another leaves the first (and empties its room)', async () => {
    const a = await channel({ name: 'a', type: 'voice' });
    const b = await channel({ name: 'b', type: 'voice' });
    expect((await join(carol, a)).status).toBe(200);
    expect(await roomExists(a)).toBe(true);
    const before = voiceEvents(carol.id).length;
    const res = await join(carol, b);
    expect(res.status).toBe(200);
    expect(await roomExists(a)).toBe(false);
    expect(
      voiceEvents(carol.id)
        .slice(before)
        .map((e) => (e.d as { channel_id: string | null }).channel_id),
    ).toEqual([null, b]);
    // a second POST to the same channel re-issues tokens for the same participant
    const again = await join(carol, b);
    expect(again.body.participant_id).toBe(res.body.participant_id);
    expect(again.body.join_token).not.toBe(res.body.join_token);
    await h.call('DELETE', `/channels/${b}/voice`, { as: carol });
  });

  it('a room of the channel left on Janus with a lost secret is replaced by one under a suffixed id', async () => {
    const cid = await channel({ name: 'orphaned', type: 'voice' });
    await control.request({ request: 'create', room: cid, secret: 'lost-with-the-cache', permanent: false });
    const a = (await join(carol, cid)).body;
    expect(a.room).toMatch(new RegExp(`^${cid}-[0-9a-f]+$`));
    const p = await peer(a);
    expect((await p.join()).plugindata).toMatchObject({ data: { videoroom: 'joined', room: a.room } });
    await h.call('DELETE', `/channels/${cid}/voice`, { as: carol });
    expect(await roomExists(a.room)).toBe(false);
    await control.request({ request: 'destroy', room: cid, secret: 'lost-with-the-cache' });
  });

  it('PATCH /me/voice changes own state; camera and screen need STREAM', async () => {
    let res = await h.call('PATCH', '/me/voice', { as: carol, body: { self_deaf: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_in_voice');
    const cid = await channel({ name: 'cams', type: 'voice' });
    await join(carol, cid);
    res = await h.call('PATCH', '/me/voice', { as: carol, body: { self_video: true, self_deaf: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ self_video: true, self_deaf: true, channel_id: cid });
    await h.call('PUT', `/channels/${cid}/overwrites/${sid}`, {
      as: owner,
      body: { type: 'role', allow: '0', deny: String(Permissions.STREAM) },
    });
    res = await h.call('PATCH', '/me/voice', { as: carol, body: { self_stream: true } });
    expect(res.status).toBe(403);
    await h.call('DELETE', `/channels/${cid}/voice`, { as: carol });
  });

  it('server mute is applied in Janus; move and disconnect; only with the permissions', async () => {
    const cid = await channel({ name: 'stage', type: 'voice' });
    const other = await channel({ name: 'backstage', type: 'voice' });
    const a = (await join(bob, cid)).body;
    const p = await peer(a);
    await p.join();
    await p.publishAudio();

    let res = await h.call('PATCH', `/servers/${sid}/voice-states/${bob.id}`, {
      as: carol,
      body: { mute: true },
    });
    expect(res.status).toBe(403);
    res = await h.call('PATCH', `/servers/${sid}/voice-states/${bob.id}`, {
      as: owner,
      body: { mute: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.voice_state).toMatchObject({ mute: true, channel_id: cid });
    const moderated = await p.waitFor(
      (m) => (m.plugindata as { data?: { moderation?: string } } | undefined)?.data?.moderation === 'muted',
    );
    expect(moderated.plugindata).toMatchObject({ data: { id: a.participant_id, mid: '0' } });

    // moved: the state follows, the old room empties; the client POSTs for credentials there
    res = await h.call('PATCH', `/servers/${sid}/voice-states/${bob.id}`, {
      as: owner,
      body: { channel_id: other },
    });
    expect(res.status).toBe(200);
    expect(res.body.voice_state).toMatchObject({ channel_id: other, mute: true });
    expect(await roomExists(cid)).toBe(false);
    const moved = (await join(bob, other)).body;
    expect(moved.voice_state).toMatchObject({ channel_id: other, mute: true });
    const p2 = await peer(moved);
    await p2.join();

    // disconnect: the participant is kicked out of the room, the state goes
    res = await h.call('PATCH', `/servers/${sid}/voice-states/${bob.id}`, {
      as: owner,
      body: { channel_id: null },
    });
    expect(res.status).toBe(200);
    expect(res.body.voice_state).toMatchObject({ channel_id: null });
    expect(await roomExists(other)).toBe(false);
    expect((await h.call('GET', `/servers/${sid}/voice-states`, { as: owner })).body.voice_states).toEqual(
      [],
    );
    res = await h.call('PATCH', `/servers/${sid}/voice-states/${bob.id}`, {
      as: owner,
      body: { channel_id: other },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_in_voice');
    // server mute is kept for the member
    expect((await join(bob, other)).body.voice_state.mute).toBe(true);
    await h.call('PATCH', `/servers/${sid}/voice-states/${bob.id}`, {
      as: owner,
      body: { mute: false, channel_id: null },
    });
  });

  it('access changes: losing SPEAK suppresses (muted at Janus), being kicked disconnects', async () => {
    const dave = await h.user('dave');
    await h.database.db.insertInto('members').values({ server_id: sid, user_id: dave.id }).execute();
    await online(dave, 1);
    const cid = await channel({ name: 'quiet', type: 'voice' });
    const a = (await join(dave, cid)).body;
    expect(a.voice_state.suppress).toBe(false);
    const p = await peer(a);
    await p.join();
    await p.publishAudio();

    const deny = await h.call('PUT', `/channels/${cid}/overwrites/${sid}`, {
      as: owner,
      body: { type: 'role', allow: '0', deny: String(Permissions.SPEAK) },
    });
    expect(deny.status).toBeLessThan(300);
    await h.drain();
    await p.waitFor(
      (m) => (m.plugindata as { data?: { moderation?: string } } | undefined)?.data?.moderation === 'muted',
    );
    let listed = (await h.call('GET', `/servers/${sid}/voice-states`, { as: owner })).body.voice_states;
    expect(listed).toEqual([expect.objectContaining({ user_id: dave.id, suppress: true, mute: false })]);

    expect((await h.call('DELETE', `/servers/${sid}/members/${dave.id}`, { as: owner })).status).toBe(204);
    await h.drain();
    for (let i = 0; i < 40 && (await roomExists(cid)); i++) await sleep(50);
    listed = (await h.call('GET', `/servers/${sid}/voice-states`, { as: owner })).body.voice_states;
    expect(listed).toEqual([]);
    expect(voiceEvents(dave.id).at(-1)).toMatchObject({ d: { channel_id: null } });
    expect(await roomExists(cid)).toBe(false);
  });

  it('a user without a gateway socket longer than the heartbeat window leaves voice', async () => {
    const cid = await channel({ name: 'afk', type: 'voice' });
    expect((await join(carol, cid)).status).toBe(200);
    // a socket gone for less than the window keeps the call
    await online(carol, 0);
    await sleep(150);
    await online(carol, 1);
    await sleep(400);
    expect(
      (await h.call('GET', `/servers/${sid}/voice-states`, { as: owner })).body.voice_states,
    ).toHaveLength(1);
    await online(carol, 0);
    for (let i = 0; i < 50 && (await roomExists(cid)); i++) await sleep(50);
    expect((await h.call('GET', `/servers/${sid}/voice-states`, { as: owner })).body.voice_states).toEqual(
      [],
    );
    expect(voiceEvents(carol.id).at(-1)).toMatchObject({ d: { channel_id: null } });
    await online(carol, 1);
  });

  it('without a media server voice answers 503 voice_unavailable and says so in its status', async () => {
    const plain = await startHarness(backend, { RATE_LIMITS: 'off' }, h.database);
    try {
      const cid = await channel({ name: 'nowhere', type: 'voice' });
      expect((await plain.call('GET', '/voice/status', { as: bob })).body).toEqual({ available: false });
      const res = await plain.call('POST', `/channels/${cid}/voice`, { as: bob, body: {} });
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({
        code: 'voice_unavailable',
        message: 'Voice is not set up on this server',
      });
    } finally {
      await plain.close();
    }
  });
});
