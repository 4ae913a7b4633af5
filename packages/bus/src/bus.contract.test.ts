/** One contract, both backends: what the gateway and the relay rely on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EphemeralBusEvent } from '@twopointo/shared';
import { JetStreamBus } from './jetstream.ts';
import { MemoryBus } from './memory.ts';
import { openBus } from './open.ts';
import { deleteStream, record, TEST_NATS_URL, uniqueStreamNames, waitFor } from './test-support.ts';
import { isUserScoped, USER_SCOPED, type EventBus, type SequencedRecord } from './types.ts';

const RETAIN = 5;
const quiet = { warn: () => undefined, error: () => undefined };

interface Backend {
  name: string;
  open(): Promise<EventBus>;
  cleanup(): Promise<void>;
}

const names = uniqueStreamNames();
const backends: Backend[] = [
  {
    name: 'memory',
    open: async () => new MemoryBus({ retain: RETAIN, logger: quiet }),
    cleanup: async () => undefined,
  },
  {
    name: 'jetstream',
    open: () => JetStreamBus.connect({ url: TEST_NATS_URL, ...names, maxMsgs: RETAIN, logger: quiet }),
    cleanup: () => deleteStream(TEST_NATS_URL, names.stream),
  },
];

describe.each(backends)('EventBus contract ($name)', (backend) => {
  let bus: EventBus;

  beforeAll(async () => {
    bus = await backend.open();
  });
  afterAll(async () => {
    await bus?.close();
    await backend.cleanup();
  });

  it('starts empty', async () => {
    expect(await bus.lastSeq()).toBe(0);
    expect(await bus.replay(0)).toEqual([]);
    expect(await bus.healthy()).toBe(true);
  });

  it('delivers published events live, in order, with increasing s matching publish()', async () => {
    const got: SequencedRecord[] = [];
    const sub = bus.subscribe((r) => got.push(r));
    await sub.ready;
    // no more than the tiny retention: a lagging JetStream consumer could not see older ones
    const recs = Array.from({ length: RETAIN }, (_, i) => record({ data: JSON.stringify({ i }) }));
    // pipelined like the relay does
    const seqs = await Promise.all(recs.map((r) => bus.publish(r)));
    await waitFor(() => got.length >= RETAIN, 10_000, 'live events');
    sub.unsubscribe();
    expect(got.map((r) => r.id)).toEqual(recs.map((r) => r.id));
    expect(got.map((r) => r.s)).toEqual(seqs);
    for (let i = 1; i < got.length; i++) expect(got[i]!.s).toBeGreaterThan(got[i - 1]!.s);
    expect(got[0]).toEqual({ ...recs[0], s: seqs[0] });
    expect(await bus.lastSeq()).toBe(seqs[RETAIN - 1]);
  });

  it('keeps channel_id absent on server-scoped events', async () => {
    const got: SequencedRecord[] = [];
    const sub = bus.subscribe((r) => got.push(r));
    await sub.ready;
    const { channel_id: _omit, ...serverScoped } = record({ t: 'SERVER_UPDATE' });
    const s = await bus.publish(serverScoped);
    await waitFor(() => got.length === 1);
    sub.unsubscribe();
    expect(got[0]).toEqual({ ...serverScoped, s });
    expect('channel_id' in got[0]!).toBe(false);
  });

  it('round-trips a user-addressed record with its user_id, live and on replay', async () => {
    const got: SequencedRecord[] = [];
    const sub = bus.subscribe((r) => got.push(r));
    await sub.ready;
    const before = await bus.lastSeq();
    const { channel_id: _omit, ...toUser } = record({
      t: 'READ_STATE_UPDATE',
      server_id: USER_SCOPED,
      user_id: '300',
      data: JSON.stringify({ channel_id: '200', last_read_id: '5', mention_count: 0 }),
    });
    const s = await bus.publish(toUser);
    await waitFor(() => got.length === 1);
    sub.unsubscribe();
    expect(got[0]).toEqual({ ...toUser, s });
    expect(isUserScoped(got[0]!)).toBe(true);
    expect('channel_id' in got[0]!).toBe(false);
    expect(await bus.replay(before)).toEqual([{ ...toUser, s }]);
  });

  it('does not deliver events published before subscribe, nor after unsubscribe', async () => {
    await bus.publish(record());
    const got: SequencedRecord[] = [];
    const sub = bus.subscribe((r) => got.push(r));
    await sub.ready;
    const after = record();
    await bus.publish(after);
    await waitFor(() => got.length === 1);
    sub.unsubscribe();
    await bus.publish(record());
    await new Promise((r) => setTimeout(r, 200));
    expect(got.map((r) => r.id)).toEqual([after.id]);
  });

  it('drops a re-publish of the same id and returns the first sequence', async () => {
    const got: SequencedRecord[] = [];
    const sub = bus.subscribe((r) => got.push(r));
    await sub.ready;
    const before = await bus.lastSeq();
    const rec = record();
    const s1 = await bus.publish(rec);
    const s2 = await bus.publish({ ...rec, data: '{"changed":true}' });
    const marker = record();
    await bus.publish(marker);
    await waitFor(() => got.length === 2);
    sub.unsubscribe();
    expect(s2).toBe(s1);
    expect(s1).toBe(before + 1);
    expect(await bus.lastSeq()).toBe(before + 2);
    expect(got.map((r) => r.id)).toEqual([rec.id, marker.id]);
    expect(got[0]!.data).toBe(rec.data);
  });

  it('replays exactly the events after a sequence, [] at the end and null beyond it', async () => {
    const base = await bus.lastSeq();
    const recs = [record(), record(), record()];
    for (const r of recs) await bus.publish(r);
    const replayed = await bus.replay(base);
    expect(replayed?.map((r) => r.id)).toEqual(recs.map((r) => r.id));
    expect(replayed?.map((r) => r.s)).toEqual([base + 1, base + 2, base + 3]);
    expect((await bus.replay(base + 2))?.map((r) => r.id)).toEqual([recs[2]!.id]);
    expect(await bus.replay(base + 3)).toEqual([]);
    expect(await bus.replay(base + 4)).toBeNull();
  });

  it('returns null when the events after a sequence are no longer retained', async () => {
    const base = await bus.lastSeq();
    for (let i = 0; i < RETAIN + 3; i++) await bus.publish(record());
    const last = await bus.lastSeq();
    expect(last).toBe(base + RETAIN + 3);
    expect(await bus.replay(base)).toBeNull();
    expect(await bus.replay(last - RETAIN - 1)).toBeNull();
    const kept = await bus.replay(last - RETAIN);
    expect(kept?.map((r) => r.s)).toEqual([1, 2, 3, 4, 5].map((i) => last - RETAIN + i));
  });

  it('delivers ephemeral events to every subscriber without storing them', async () => {
    const a: EphemeralBusEvent[] = [];
    const b: EphemeralBusEvent[] = [];
    const subA = bus.subscribeEphemeral((e) => a.push(e));
    const subB = bus.subscribeEphemeral((e) => b.push(e));
    await subA.ready;
    await subB.ready;
    const before = await bus.lastSeq();
    const ev: EphemeralBusEvent<'TYPING_START'> = {
      t: 'TYPING_START',
      server_id: '100',
      channel_id: '200',
      d: {
        channel_id: '200',
        server_id: '100',
        user_id: '300',
        username: 'ann',
        timestamp: new Date().toISOString(),
      },
    };
    bus.publishEphemeral(ev);
    await waitFor(() => a.length === 1 && b.length === 1, 5000, 'ephemeral event');
    subB.unsubscribe();
    bus.publishEphemeral({
      ...ev,
      t: 'PRESENCE_UPDATE',
      d: { user_id: '300', server_id: '100', status: 'online' },
    });
    await waitFor(() => a.length === 2, 5000, 'second ephemeral event');
    subA.unsubscribe();
    expect(a[0]).toEqual(ev);
    expect(a[1]!.t).toBe('PRESENCE_UPDATE');
    expect(b).toHaveLength(1);
    expect(await bus.lastSeq()).toBe(before);
  });

  it('keeps delivering to other subscribers when one throws', async () => {
    const got: SequencedRecord[] = [];
    const bad = bus.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const good = bus.subscribe((r) => got.push(r));
    await good.ready;
    await bus.publish(record());
    await bus.publish(record());
    await waitFor(() => got.length === 2);
    bad.unsubscribe();
    good.unsubscribe();
  });
});

describe('openBus', () => {
  it('opens a MemoryBus without a NATS URL', async () => {
    const bus = await openBus({});
    expect(bus.kind).toBe('memory');
    await bus.close();
  });

  it('opens a JetStreamBus with a NATS URL and creates its stream', async () => {
    const n = uniqueStreamNames();
    const bus = await openBus({ natsUrl: TEST_NATS_URL, ...n });
    try {
      expect(bus.kind).toBe('jetstream');
      expect(await bus.healthy()).toBe(true);
      const s = await bus.publish(record());
      expect(s).toBe(1);
      // a second instance on the same stream reuses it (create-or-update)
      const other = await openBus({ natsUrl: TEST_NATS_URL, ...n, maxMsgs: 10 });
      expect(await other.lastSeq()).toBe(1);
      await other.close();
      expect(await bus.healthy()).toBe(true);
    } finally {
      await bus.close();
      await deleteStream(TEST_NATS_URL, n.stream);
    }
    expect(await bus.healthy()).toBe(false);
  });

  it('rejects when NATS does not answer', async () => {
    await expect(openBus({ natsUrl: 'nats://127.0.0.1:1', timeoutMs: 1000 })).rejects.toThrow();
  });
});
