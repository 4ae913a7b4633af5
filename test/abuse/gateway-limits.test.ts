/**
 * Gateway abuse: a client that stops reading while events flood is dropped once its socket
 * buffer passes WS_MAX_BUFFERED_BYTES (the Edge's memory stays bounded, healthy clients get
 * everything), and a user cannot open more than WS_MAX_SOCKETS_PER_USER sockets on one Edge.
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@twopointo/shared';
import { GatewayClient } from '../helpers/client.ts';
import { buildWorld, sleep, startSystem, type TestSystem, type World } from '../security/harness.ts';

const MAX_BUFFERED = 256 * 1024;

describe('gateway limits', () => {
  let t: TestSystem;
  let w: World;

  beforeAll(async () => {
    t = await startSystem({
      env: { RATE_LIMITS: 'off', WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED), WS_MAX_SOCKETS_PER_USER: '3' },
    });
    w = await buildWorld(t.edge);
  });
  afterAll(async () => t?.close());

  it('a slow consumer is dropped once its buffer passes WS_MAX_BUFFERED_BYTES; a healthy one gets every event', async () => {
    const subscribe = async (c: GatewayClient) => {
      c.send({ op: 'SUBSCRIBE', d: { server_id: w.sid, channel_ids: [w.cid] } });
      await c.waitFor((f) => f.op === 'SUBSCRIBED');
    };
    const slow = await GatewayClient.connect(t.edge, w.a.access);
    const healthy = await GatewayClient.connect(t.edge, w.b.access);
    await subscribe(slow);
    // B joins A's server to watch the same channel
    const res = await fetch(`${t.edge}/api/invites/${w.invite}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.b.access}` },
    });
    expect(res.status).toBe(200);
    await subscribe(healthy);
    const before = t.sys.edge.gateway.stats().sockets;

    // the slow client stops reading: the kernel buffers fill, then the Edge's queue grows
    (slow.ws as unknown as { _socket: Socket })._socket.pause();
    const big = 'x'.repeat(200 * 1024);
    const N = 80; // 16 MB, far past what loopback socket buffers absorb
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const id = newId();
      ids.push(id);
      await t.sys.bus.publish({
        id,
        t: 'MESSAGE_CREATE',
        server_id: w.sid,
        channel_id: w.cid,
        data: JSON.stringify({ id, channel_id: w.cid, server_id: w.sid, content: big }),
      });
    }
    // the healthy client gets all of them, in order
    await healthy.waitFor(
      () =>
        healthy.events('MESSAGE_CREATE').filter((e) => ids.includes((e.d as { id: string }).id)).length === N,
      30_000,
    );
    const got = healthy
      .events('MESSAGE_CREATE')
      .map((e) => (e.d as { id: string }).id)
      .filter((id) => ids.includes(id));
    expect(got).toEqual(ids);

    // the slow one was dropped (4010, then destroyed if it does not answer the close)
    const deadline = Date.now() + 10_000;
    while (t.sys.edge.gateway.stats().sockets > before - 1 && Date.now() < deadline) await sleep(50);
    expect(t.sys.edge.gateway.stats().sockets).toBe(before - 1);
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    const code = await Promise.race([slow.closed, sleep(10_000).then(() => -1)]);
    expect([4010, 1006]).toContain(code);
    // it received far less than was sent: the Edge did not queue the flood for it
    expect(slow.events('MESSAGE_CREATE').length).toBeLessThan(N);
    healthy.close();
  }, 90_000);

  it('no more than WS_MAX_SOCKETS_PER_USER sockets per user (close 4005); a freed slot can be reused', async () => {
    const open = [
      await GatewayClient.connect(t.edge, w.a.access),
      await GatewayClient.connect(t.edge, w.a.access),
      await GatewayClient.connect(t.edge, w.a.access),
    ];
    for (const c of open) await c.waitFor((f) => f.op === 'HELLO');
    const fourth = await GatewayClient.connect(t.edge, w.a.access);
    expect(await fourth.closed).toBe(4005);
    // another user is not affected
    const other = await GatewayClient.connect(t.edge, w.b.access);
    await other.waitFor((f) => f.op === 'HELLO');
    open[0]!.close();
    await open[0]!.closed;
    await sleep(100);
    const again = await GatewayClient.connect(t.edge, w.a.access);
    await again.waitFor((f) => f.op === 'HELLO');
    expect(again.closeCode).toBeUndefined();
    for (const c of [...open, other, again]) c.close();
  });
});
