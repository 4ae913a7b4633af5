import { describe, expect, it } from 'vitest';
import { MemoryBus } from '@twopointo/bus';
import { MemoryCache } from '@twopointo/cache';
import type { EphemeralBusEvent } from '@twopointo/shared';
import { Presence } from './presence.ts';

const LEASE = 3000;

function world() {
  const cache = new MemoryCache();
  const bus = new MemoryBus();
  const announced: string[] = [];
  bus.subscribeEphemeral((e: EphemeralBusEvent) => {
    const d = e.d as { user_id: string; server_id: string; status: string };
    announced.push(`${d.user_id}@${d.server_id} ${d.status}`);
  });
  const edge = (instance: string) => new Presence(cache, bus, { instance, leaseMs: LEASE });
  const count = async (key: string) => Number((await cache.get(key)) ?? 0);
  return { cache, announced, edge, count };
}

describe('Presence across Edges', () => {
  it('counts sockets per user and per server, announcing the first and the last', async () => {
    const w = world();
    const a = w.edge('a');
    await a.connected('u1');
    expect(await a.joined('u1', 's1')).toBe(true);
    await a.connected('u1');
    expect(await a.joined('u1', 's1')).toBe(false);
    await a.left('u1', 's1');
    await a.left('u1', 's1');
    await a.disconnected('u1');
    await a.disconnected('u1');
    expect(await w.count('presence:u1')).toBe(0);
    expect(w.announced).toEqual(['u1@s1 online', 'u1@s1 offline']);
  });

  it('an Edge whose lease ran out has its counts taken back, once, by another Edge', async () => {
    const w = world();
    const a = w.edge('a');
    const b = w.edge('b');
    const c = w.edge('c');
    const t0 = Date.now();
    for (const p of [a, b, c]) await p.maintain(t0);
    // u1 has a socket on a and one on b; u2 only on b
    await a.connected('u1');
    await a.joined('u1', 's1');
    await b.connected('u1');
    await b.joined('u1', 's1');
    await b.connected('u2');
    await b.joined('u2', 's1');
    w.announced.length = 0;

    // b dies (stops renewing); a and c renew, and after the lease both look
    const later = t0 + LEASE + 1;
    const repaired = await Promise.all([a.maintain(later), c.maintain(later)]);
    expect(repaired.sort()).toEqual([0, 1]);
    expect(await w.count('presence:u1')).toBe(1);
    expect(await w.count('presence:s1:u1')).toBe(1);
    expect(await w.count('presence:u2')).toBe(0);
    expect(await w.count('presence:s1:u2')).toBe(0);
    expect(w.announced).toEqual(['u2@s1 offline']);
    expect(await w.cache.hgetall('presence:edge:b')).toEqual({});
    expect(Object.keys(await w.cache.hgetall('presence:edges')).sort()).toEqual(['a', 'c']);
  });

  it('a live Edge keeps its lease by renewing; a clean shutdown leaves nothing behind', async () => {
    const w = world();
    const a = w.edge('a');
    const b = w.edge('b');
    const t0 = Date.now();
    await a.maintain(t0);
    await b.maintain(t0);
    await b.connected('u1');
    // b renews every third of the lease, so a never finds it expired
    for (let t = t0; t < t0 + 3 * LEASE; t += LEASE / 3 + 1) {
      await b.maintain(t);
      expect(await a.maintain(t)).toBe(0);
    }
    expect(await w.count('presence:u1')).toBe(1);
    await b.disconnected('u1');
    await b.retire();
    expect(Object.keys(await w.cache.hgetall('presence:edges'))).toEqual(['a']);
    expect(await w.cache.hgetall('presence:edge:b')).toEqual({});
  });
});
