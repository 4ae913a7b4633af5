/**
 * Voice state follows the presence crash rules, on the memory cache (embedded) and on Redis
 * (distributed): a dropped gateway socket that comes back within the heartbeat window keeps the
 * call; a user without a socket past the window leaves voice; a user whose Edge died leaves once a
 * live Edge takes the dead one's presence counts back (its lease ran out) and the window passed.
 * The room on the real Janus is destroyed as the last user leaves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { TEST_BACKENDS } from '@twopointo/db';
import { VideoRoomControl } from '@twopointo/janus';
import { janusAvailable, startTestJanus, type TestJanus } from '@twopointo/janus/testing';
import { PRESENCE_LEASES_KEY, presenceLedgerKey, presenceUserKey } from '@twopointo/server-kit';
import { distributedBackends, type DistributedBackends } from '../../../../test/helpers/backends.ts';
import { api, GatewayClient, signUp, type Session } from '../../../../test/helpers/client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HEARTBEAT_MS = 800;
const GRACE_MS = HEARTBEAT_MS * 1.5;

const modes = (['embedded', 'distributed'] as const).filter((m) =>
  TEST_BACKENDS.includes(m === 'embedded' ? 'pglite' : 'postgres'),
);

describe.skipIf(!janusAvailable() || modes.length === 0).each(modes)(
  'voice through Edge crashes (%s)',
  (mode) => {
    let janus: TestJanus;
    let control: VideoRoomControl;
    let system: Awaited<ReturnType<typeof startAll>>;
    let backends: DistributedBackends | undefined;
    let dataDir: string;
    let edge: string;
    let alice: Session;
    let bob: Session;
    let sid: string;
    let watcher: GatewayClient;
    const sockets = new Set<GatewayClient>();
    let beat: NodeJS.Timeout;

    const connect = async (who: Session) => {
      const c = await GatewayClient.connect(edge, who.access);
      sockets.add(c);
      await c.waitFor((f) => f.op === 'HELLO');
      c.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [] } });
      await c.waitFor((f) => f.op === 'SUBSCRIBED');
      return c;
    };
    const drop = (c: GatewayClient) => {
      sockets.delete(c);
      c.ws.terminate();
    };
    const voiceChannel = async (name: string) =>
      (
        await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
          token: alice.access,
          body: { name, type: 'voice' },
        })
      ).body.id;
    const join = async (who: Session, cid: string) => {
      const res = await api(edge, 'POST', `/api/channels/${cid}/voice`, { token: who.access, body: {} });
      expect(res.status).toBe(200);
    };
    const states = async () =>
      (
        await api<{ voice_states: { user_id: string }[] }>(edge, 'GET', `/api/servers/${sid}/voice-states`, {
          token: alice.access,
        })
      ).body.voice_states.map((s) => s.user_id);
    const roomExists = async (cid: string) =>
      (await control.request({ request: 'exists', room: cid })).exists === true;
    /** the next leave of `who` announced after this call */
    const left = (who: Session) => {
      const from = watcher.frames.length;
      return watcher.waitFor(
        (f) =>
          watcher.frames.indexOf(f) >= from &&
          f.op === 'EVENT' &&
          f.t === 'VOICE_STATE_UPDATE' &&
          f.d.user_id === who.userId &&
          f.d.channel_id === null,
        GRACE_MS * 6,
      );
    };

    beforeAll(async () => {
      janus = await startTestJanus();
      control = new VideoRoomControl(janus.urls[0]!, janus.tokenSecret);
      dataDir = mkdtempSync(pathJoin(tmpdir(), 'tp-voice-crash-'));
      if (mode === 'distributed') backends = await distributedBackends();
      system = await startAll({
        dataDir,
        ports: { identity: 0, official: 0, edge: 0 },
        env: {
          ...backends?.env,
          ...janus.env,
          DEV_DB_SOCKET_PORT: '0',
          HEARTBEAT_INTERVAL: String(HEARTBEAT_MS),
          PRESENCE_LEASE_S: '1',
          VOICE_SWEEP_MS: '100',
        },
        quiet: true,
      });
      edge = system.edgeUrl;
      alice = await signUp(edge);
      bob = await signUp(edge);
      sid = (
        await api<{ id: string }>(edge, 'POST', '/api/servers', {
          token: alice.access,
          body: { name: 'Crash' },
        })
      ).body.id;
      const invite = await api<{ code: string }>(edge, 'POST', `/api/servers/${sid}/invites`, {
        token: alice.access,
        body: {},
      });
      await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`, { token: bob.access });
      beat = setInterval(() => {
        for (const c of sockets) c.send({ op: 'HEARTBEAT', d: { seq: null } });
      }, HEARTBEAT_MS / 2);
      watcher = await connect(alice);
    });

    afterAll(async () => {
      clearInterval(beat);
      for (const c of sockets) c.ws.terminate();
      control?.close();
      await system?.close();
      await backends?.cleanup();
      await janus?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('a dropped socket back within the window keeps the call; gone past it, the user leaves voice', async () => {
      const cid = await voiceChannel('window');
      let socket = await connect(bob);
      await join(bob, cid);
      drop(socket);
      await sleep(GRACE_MS / 3);
      socket = await connect(bob);
      await sleep(GRACE_MS * 1.5);
      expect(await states()).toEqual([bob.userId]);
      expect(await roomExists(cid)).toBe(true);

      const leaving = left(bob);
      drop(socket);
      await leaving;
      expect(await states()).toEqual([]);
      expect(await roomExists(cid)).toBe(false);
    });

    it('a user whose Edge died leaves voice once a live Edge took its counts back and the window passed', async () => {
      const cid = await voiceChannel('crash');
      // bob's only socket was on an Edge that died: its counts and ledger stay, its lease has run out
      const dead = `dead-edge-${Date.now()}`;
      await system.cache.incr(presenceUserKey(bob.userId), 1);
      await system.cache.hincr(presenceLedgerKey(dead), `u:${bob.userId}`, 1);
      await system.cache.hset(PRESENCE_LEASES_KEY, dead, String(Date.now() + 400));
      await join(bob, cid);
      expect(await states()).toEqual([bob.userId]);
      const t0 = Date.now();
      await sleep(GRACE_MS / 2);
      // within the window (and before the dead lease is even repaired) bob is still in voice
      expect(await states()).toEqual([bob.userId]);
      await left(bob);
      // not before the lease ran out and the window passed
      expect(Date.now() - t0).toBeGreaterThanOrEqual(GRACE_MS);
      expect(await states()).toEqual([]);
      expect(await roomExists(cid)).toBe(false);
      expect(await system.cache.hgetall(presenceLedgerKey(dead))).toEqual({});
    });
  },
);
