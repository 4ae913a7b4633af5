/**
 * Interest, both backends: a feed delivers only its server's (or user's) events, a process
 * receives only the feeds it subscribes to, and replay reads one feed with one filter.
 * On JetStream the subscriber is a second connection, like another Edge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EphemeralBusEvent } from '@twopointo/shared';
import { JetStreamBus } from './jetstream.ts';
import { MemoryBus } from './memory.ts';
import { deleteStream, record, TEST_NATS_URL, uniqueStreamNames, waitFor } from './test-support.ts';
import { feedKey, feedOf, USER_SCOPED, type EventBus, type SequencedRecord } from './types.ts';

const quiet = { warn: () => undefined, error: () => undefined };

interface Pair {
  /** where the events are published (the relay's process) */
  publisher: EventBus;
  /** where they are consumed (an Edge) */
  subscriber: EventBus;
  close(): Promise<void>;
}

const backends: { name: string; open(retain: number): Promise<Pair> }[] = [
  {
    name: 'memory',
    open: async (retain) => {
      const bus = new MemoryBus({ retain, logger: quiet });
      return { publisher: bus, subscriber: bus, close: () => bus.close() };
    },
  },
  {
    name: 'jetstream',
    open: async (retain) => {
      const names = uniqueStreamNames();
      const publisher = await JetStreamBus.connect({
        url: TEST_NATS_URL,
        ...names,
        maxMsgs: retain,
        logger: quiet,
      });
      const subscriber = await JetStreamBus.connect({
        url: TEST_NATS_URL,
        ...names,
        maxMsgs: retain,
        logger: quiet,
      });
      return {
        publisher,
        subscriber,
        close: async () => {
          await subscriber.close();
          await publisher.close();
          await deleteStream(TEST_NATS_URL, names.stream);
        },
      };
    },
  },
];

/** the records' ids, for comparing what arrived with what was published */
const ids = (rs: { id: string }[]): string[] => rs.map((r) => r.id);

describe.each(backends)('EventBus feeds ($name)', (backend) => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await backend.open(1000);
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('delivers a server feed only its server, a user feed only its user, in order', async () => {
    const { publisher, subscriber } = pair;
    const onA: SequencedRecord[] = [];
    const onU: SequencedRecord[] = [];
    const a = subscriber.subscribeFeed({ server: 'A1' }, (r) => onA.push(r));
    const u = subscriber.subscribeFeed({ user: 'U1' }, (r) => onU.push(r));
    await Promise.all([a.ready, u.ready]);
    const before = subscriber.receivedCount();
    const forA = [
      record({ server_id: 'A1' }),
      record({ server_id: 'A1', channel_id: undefined, t: 'SERVER_UPDATE' }),
    ];
    const forB = [record({ server_id: 'B1' }), record({ server_id: 'B1' })];
    const forU = record({
      server_id: USER_SCOPED,
      channel_id: undefined,
      user_id: 'U1',
      t: 'READ_STATE_UPDATE',
    });
    const forV = record({
      server_id: USER_SCOPED,
      channel_id: undefined,
      user_id: 'V1',
      t: 'READ_STATE_UPDATE',
    });
    const seqs = [];
    for (const r of [forA[0]!, forB[0]!, forU, forA[1]!, forV, forB[1]!])
      seqs.push(await publisher.publish(r));
    await waitFor(() => onA.length === 2 && onU.length === 1, 10_000, 'feed events');
    await new Promise((r) => setTimeout(r, 100));
    expect(ids(onA)).toEqual(ids(forA));
    expect(onA.map((r) => r.s)).toEqual([seqs[0], seqs[3]]);
    expect(ids(onU)).toEqual([forU.id]);
    expect(onU[0]).toMatchObject({ user_id: 'U1', s: seqs[2] });
    // only what was asked for came over the bus
    expect(subscriber.receivedCount() - before).toBe(3);
    a.unsubscribe();
    u.unsubscribe();
  });

  it('shares one feed between subscribers; the last unsubscribe ends the interest', async () => {
    const { publisher, subscriber } = pair;
    const one: SequencedRecord[] = [];
    const two: SequencedRecord[] = [];
    const s1 = subscriber.subscribeFeed({ server: 'C1' }, (r) => one.push(r));
    const s2 = subscriber.subscribeFeed({ server: 'C1' }, (r) => two.push(r));
    await Promise.all([s1.ready, s2.ready]);
    const first = record({ server_id: 'C1' });
    await publisher.publish(first);
    await waitFor(() => one.length === 1 && two.length === 1, 10_000, 'both subscribers');
    s1.unsubscribe();
    s1.unsubscribe(); // twice is harmless
    const second = record({ server_id: 'C1' });
    await publisher.publish(second);
    await waitFor(() => two.length === 2, 10_000, 'the remaining subscriber');
    expect(ids(one)).toEqual([first.id]);
    s2.unsubscribe();
    const before = subscriber.receivedCount();
    await publisher.publish(record({ server_id: 'C1' }));
    // nothing listens: a marker on another feed proves the bus has delivered what it would
    const marker: SequencedRecord[] = [];
    const m = subscriber.subscribeFeed({ server: 'M1' }, (r) => marker.push(r));
    await m.ready;
    await publisher.publish(record({ server_id: 'M1' }));
    await waitFor(() => marker.length === 1, 10_000, 'the marker');
    expect(subscriber.receivedCount() - before).toBe(1);
    expect(two).toHaveLength(2);
    m.unsubscribe();
  });

  it('keeps the all-feeds subscription receiving every event', async () => {
    const { publisher, subscriber } = pair;
    const all: SequencedRecord[] = [];
    const sub = subscriber.subscribe((r) => all.push(r));
    await sub.ready;
    const recs = [
      record({ server_id: 'D1' }),
      record({ server_id: 'D2' }),
      record({ server_id: USER_SCOPED, user_id: 'U9', channel_id: undefined }),
    ];
    for (const r of recs) await publisher.publish(r);
    await waitFor(() => all.length === 3, 10_000, 'all events');
    expect(ids(all)).toEqual(ids(recs));
    sub.unsubscribe();
  });

  it('replays one feed after a sequence, in order, up to the end as of the call', async () => {
    const { publisher, subscriber } = pair;
    const base = await publisher.lastSeq();
    const recs = [
      record({ server_id: 'E1' }),
      record({ server_id: 'E2' }),
      record({ server_id: USER_SCOPED, user_id: 'U2', channel_id: undefined, t: 'RELATIONSHIP_UPDATE' }),
      record({ server_id: 'E1', channel_id: '300' }),
      record({ server_id: 'E2' }),
    ];
    const seqs = [];
    for (const r of recs) seqs.push(await publisher.publish(r));
    const e1 = await subscriber.replay(base, { server: 'E1' });
    expect(ids(e1 ?? [])).toEqual([recs[0]!.id, recs[3]!.id]);
    expect(e1?.map((r) => r.s)).toEqual([seqs[0], seqs[3]]);
    expect(ids((await subscriber.replay(base, { user: 'U2' })) ?? [])).toEqual([recs[2]!.id]);
    // from the middle: only what follows
    expect(ids((await subscriber.replay(seqs[0]!, { server: 'E1' })) ?? [])).toEqual([recs[3]!.id]);
    // nothing of that feed after the point, or a feed that never had anything
    expect(await subscriber.replay(seqs[3]!, { server: 'E1' })).toEqual([]);
    expect(await subscriber.replay(base, { server: 'nobody' })).toEqual([]);
    // the filtered replay is the unfiltered one with the others left out
    const all = (await subscriber.replay(base)) ?? [];
    const key = feedKey({ server: 'E2' });
    expect(ids((await subscriber.replay(base, { server: 'E2' })) ?? [])).toEqual(
      ids(all.filter((r) => feedKey(feedOf(r)) === key)),
    );
    // a sequence this bus never issued
    expect(await subscriber.replay(seqs[4]! + 5, { server: 'E1' })).toBeNull();
  });

  it("delivers ephemeral events by feed: a server's to its feed, one to users once on each of their feeds", async () => {
    const { publisher, subscriber } = pair;
    const onS: EphemeralBusEvent[] = [];
    const onU1: EphemeralBusEvent[] = [];
    const onU2: EphemeralBusEvent[] = [];
    const all: EphemeralBusEvent[] = [];
    const subs = [
      subscriber.subscribeEphemeralFeed({ server: 'G1' }, (e) => onS.push(e)),
      subscriber.subscribeEphemeralFeed({ user: 'W1' }, (e) => onU1.push(e)),
      subscriber.subscribeEphemeralFeed({ user: 'W2' }, (e) => onU2.push(e)),
      subscriber.subscribeEphemeral((e) => all.push(e)),
    ];
    await Promise.all(subs.map((x) => x.ready));
    const typing = (server_id: string, user_ids?: string[]): EphemeralBusEvent => ({
      t: 'TYPING_START',
      server_id,
      ...(user_ids ? { user_ids } : { channel_id: '1' }),
      d: { channel_id: '1', server_id, user_id: '9', username: 'ann', timestamp: new Date().toISOString() },
    });
    publisher.publishEphemeral(typing('G1'));
    publisher.publishEphemeral(typing('G2'));
    publisher.publishEphemeral(typing(USER_SCOPED, ['W1', 'W2', 'W3']));
    publisher.publishEphemeral(typing(USER_SCOPED, ['W3']));
    publisher.publishEphemeral(typing('G1'));
    await waitFor(() => all.length === 5 && onS.length === 2 && onU1.length === 1 && onU2.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(onS.map((e) => e.server_id)).toEqual(['G1', 'G1']);
    expect(onU1[0]!.user_ids).toEqual(['W1', 'W2', 'W3']);
    expect(onU2[0]!.user_ids).toEqual(['W1', 'W2', 'W3']);
    // whoever takes every event still gets each once
    expect(all).toHaveLength(5);
    for (const x of subs) x.unsubscribe();
  });

  it('answers null for a feed whose events after the point are no longer retained', async () => {
    const small = await backend.open(3);
    try {
      const base = await small.publisher.lastSeq();
      for (let i = 0; i < 6; i++) await small.publisher.publish(record({ server_id: 'F1' }));
      expect(await small.subscriber.replay(base, { server: 'F1' })).toBeNull();
      expect((await small.subscriber.replay(base + 3, { server: 'F1' }))?.length).toBe(3);
    } finally {
      await small.close();
    }
  });
});
