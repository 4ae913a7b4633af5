/**
 * The Edge's /voice proxy in front of a real Janus (the all-in-one system): a join's URL and
 * tokens work through the Edge; bad or missing tokens never reach Janus; a gateway socket keeps
 * the user in voice and VOICE_STATE_UPDATE reaches the server's subscribers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { TEST_BACKENDS } from '@twopointo/db';
import { VideoRoomControl } from '@twopointo/janus';
import { JanusTestPeer, janusAvailable, startTestJanus, type TestJanus } from '@twopointo/janus/testing';
import { api, GatewayClient, signUp, type Session } from '../../../../test/helpers/client.ts';

describe.skipIf(!janusAvailable() || !TEST_BACKENDS.includes('pglite'))(
  'edge /voice proxy on a real Janus',
  () => {
    let janus: TestJanus;
    let system: Awaited<ReturnType<typeof startAll>>;
    let dataDir: string;
    let edge: string;
    let alice: Session;
    const closers: (() => void)[] = [];

    beforeAll(async () => {
      janus = await startTestJanus();
      dataDir = mkdtempSync(join(tmpdir(), 'tp-voice-edge-'));
      system = await startAll({
        dataDir,
        ports: { identity: 0, official: 0, edge: 0 },
        env: { ...janus.env, DEV_DB_SOCKET_PORT: '0' },
        quiet: true,
      });
      edge = system.edgeUrl;
      alice = await signUp(edge);
    });
    afterAll(async () => {
      for (const c of closers) c();
      await system?.close();
      await janus?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a join answers a same-origin /voice URL whose socket reaches the room on Janus', async () => {
      const sid = (
        await api<{ id: string }>(edge, 'POST', '/api/servers', { token: alice.access, body: { name: 'V' } })
      ).body.id;
      const cid = (
        await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
          token: alice.access,
          body: { name: 'talk', type: 'voice' },
        })
      ).body.id;
      const gw = await GatewayClient.connect(edge, alice.access);
      closers.push(() => gw.ws.terminate());
      await gw.waitFor((f) => f.op === 'HELLO');
      gw.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [] } });
      await gw.waitFor((f) => f.op === 'SUBSCRIBED');

      const res = await api<{
        url: string;
        token: string;
        join_token: string;
        room: string;
        participant_id: string;
      }>(edge, 'POST', `/api/channels/${cid}/voice`, { token: alice.access, body: {} });
      expect(res.status).toBe(200);
      expect(res.body.url.startsWith('/voice?token=')).toBe(true);
      await gw.waitFor((f) => f.op === 'EVENT' && f.t === 'VOICE_STATE_UPDATE' && f.d.channel_id === cid);

      const wsUrl = edge.replace(/^http/, 'ws') + res.body.url;
      const peer = await JanusTestPeer.connect(wsUrl, res.body);
      closers.push(() => peer.close());
      const joined = await peer.join();
      expect(joined.plugindata).toMatchObject({ data: { videoroom: 'joined', room: cid } });

      // the browser's socket closing ends its Janus session: the participant leaves the room, and
      // can join again under the same id (what a client does after a dropped media connection)
      const control = new VideoRoomControl(janus.urls[0]!, janus.tokenSecret);
      closers.push(() => control.close());
      const ids = async () =>
        (
          (await control.request({ request: 'listparticipants', room: cid })).participants as { id: string }[]
        ).map((p) => p.id);
      expect(await ids()).toEqual([res.body.participant_id]);
      peer.close();
      for (let i = 0; i < 40 && (await ids()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await ids()).toEqual([]);
      const again = await JanusTestPeer.connect(wsUrl, res.body);
      closers.push(() => again.close());
      await again.join();
      expect(await ids()).toEqual([res.body.participant_id]);

      const status = await api<{ available: boolean }>(edge, 'GET', '/api/voice/status', {
        token: alice.access,
      });
      expect(status.body).toEqual({ available: true });

      const left = await api(edge, 'DELETE', `/api/channels/${cid}/voice`, { token: alice.access });
      expect(left.status).toBe(204);
      await gw.waitFor((f) => f.op === 'EVENT' && f.t === 'VOICE_STATE_UPDATE' && f.d.channel_id === null);
    });

    it('refuses /voice without a valid, unexpired room token (401) before reaching Janus', async () => {
      const base = edge.replace(/^http/, 'ws') + '/voice';
      for (const url of [
        base,
        `${base}?token=nope`,
        `${base}?token=${encodeURIComponent('1,janus.plugin.videoroom,room=1:AAAA')}`,
      ]) {
        await expect(
          JanusTestPeer.connect(url, { token: 'x', join_token: 'x', room: '1', participant_id: 'x' }),
        ).rejects.toThrow(/401/);
      }
    });
  },
);
