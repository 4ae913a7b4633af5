/**
 * NATS restarts under a running relay and a live subscriber: writes keep succeeding, and every
 * event arrives exactly once, in order, live and in replay. Uses a private nats-server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from '@twopointo/db';
import { startNatsServer, type NatsServerHandle } from '../../../test/helpers/nats-server.ts';
import { JetStreamBus } from './jetstream.ts';
import { enqueueEvent, OutboxRelay } from './relay.ts';
import { record, waitFor } from './test-support.ts';
import type { BusRecord, SequencedRecord } from './types.ts';

const warnings: string[] = [];
const quiet = { warn: (_: object, msg: string) => void warnings.push(msg), error: () => undefined };

// JetStream is the distributed mode, which runs on PostgreSQL: one database backend is enough here
const dbBackend = TEST_BACKENDS.includes('postgres') ? 'postgres' : (TEST_BACKENDS[0] ?? 'pglite');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Publishes as soon as the publisher gets through (racing the subscriber's own reconnect). */
async function publishWhenBack(publisher: JetStreamBus, r: BusRecord): Promise<void> {
  for (;;) {
    try {
      await publisher.publish(r);
      return;
    } catch {
      await sleep(20);
    }
  }
}

/** A subscribing and a publishing client on their own connections, closed after `run`. */
async function withClients(
  url: string,
  subscriberOptions: { markTickMs?: number },
  run: (subscriber: JetStreamBus, publisher: JetStreamBus) => Promise<void>,
): Promise<void> {
  const subscriber = await JetStreamBus.connect({ url, logger: quiet, ...subscriberOptions });
  const publisher = await JetStreamBus.connect({ url, logger: quiet, timeoutMs: 2000 });
  try {
    await run(subscriber, publisher);
  } finally {
    await subscriber.close();
    await publisher.close();
  }
}

describe(`JetStreamBus across a NATS restart (${dbBackend})`, () => {
  let nats: NatsServerHandle;
  let database: TestDatabase;
  let bus: JetStreamBus;
  let relay: OutboxRelay;

  beforeAll(async () => {
    nats = await startNatsServer();
    database = await createTestDatabase(dbBackend);
    bus = await JetStreamBus.connect({ url: nats.url, logger: quiet, timeoutMs: 2000 });
    relay = new OutboxRelay({ database, bus, logger: quiet, intervalMs: 200 });
    relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await database?.close();
    await nats?.cleanup();
  });

  it('delivers every event exactly once in order after NATS comes back', async () => {
    const got: SequencedRecord[] = [];
    const sub = bus.subscribe((r) => got.push(r));
    await sub.ready;
    const base = await bus.lastSeq();

    const enqueue = async (recs: BusRecord[]) => {
      for (const r of recs) {
        await database.db.transaction().execute((trx) => enqueueEvent(trx, r));
        relay.kick();
      }
    };

    // some traffic before the outage, delivered normally
    const before = Array.from({ length: 20 }, () => record());
    await enqueue(before);
    await waitFor(() => got.length >= 20, 10_000, 'events before the outage');

    await nats.stop();
    const t0 = Date.now();
    await expect(bus.publish(record())).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await bus.healthy()).toBe(false);

    // the application keeps committing while the bus is away
    const during = Array.from({ length: 200 }, () => record());
    await enqueue(during);
    expect(got).toHaveLength(20);

    await nats.start();
    const all = [...before, ...during];
    await waitFor(() => got.length >= all.length, 30_000, 'all events after the restart');
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((r) => r.id)).toEqual(all.map((r) => r.id));
    for (let i = 1; i < got.length; i++) expect(got[i]!.s).toBe(got[i - 1]!.s + 1);
    expect(await bus.healthy()).toBe(true);

    const replayed = await bus.replay(base);
    expect(replayed?.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(replayed?.map((r) => r.s)).toEqual(got.map((r) => r.s));

    // and the tail is still live afterwards
    const after = record();
    await enqueue([after]);
    await waitFor(() => got.length === all.length + 1, 10_000, 'an event after recovery');
    expect(got.at(-1)!.id).toBe(after.id);
    expect(warnings).not.toContain('bus tail skipped events no longer retained');
    sub.unsubscribe();
  });
});

describe('JetStreamBus tail across a NATS restart with a separate publisher', () => {
  let nats: NatsServerHandle;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.cleanup();
  });

  it('resumes at the last seen seq + 1 even when events are stored before the tail is back', async () => {
    await withClients(nats.url, {}, async (subscriber, publisher) => {
      const got: SequencedRecord[] = [];
      const sub = subscriber.subscribe((r) => got.push(r));
      await sub.ready;
      const first = [record(), record()];
      for (const r of first) await publisher.publish(r);
      await waitFor(() => got.length === 2);

      await nats.stop();
      await nats.start();
      // publish as soon as the publisher gets through, racing the subscriber's tail rebuild
      const later = Array.from({ length: 50 }, () => record());
      for (const r of later) {
        await publishWhenBack(publisher, r);
      }
      await waitFor(() => got.length >= 52, 20_000, 'events after the restart');
      await new Promise((r) => setTimeout(r, 200));
      expect(got.map((r) => r.id)).toEqual([...first, ...later].map((r) => r.id));
      expect(got.map((r) => r.s)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
      sub.unsubscribe();
    });
  });
});

describe('JetStreamBus feeds across a NATS restart with a separate publisher', () => {
  let nats: NatsServerHandle;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.cleanup();
  });

  it('catches a feed up from the stream: what it missed while away, then live, each once, in order', async () => {
    await withClients(nats.url, {}, async (subscriber, publisher) => {
      const got: SequencedRecord[] = [];
      const sub = subscriber.subscribeFeed({ server: 'S1' }, (r) => got.push(r));
      await sub.ready;
      const first = [record({ server_id: 'S1' }), record({ server_id: 'S2' }), record({ server_id: 'S1' })];
      for (const r of first) await publisher.publish(r);
      await waitFor(() => got.length === 2);

      await nats.stop();
      await nats.start();
      // published as soon as the publisher gets through, racing the subscriber's reconnect: the
      // live copies of the first ones go nowhere, the stream has them
      const later = Array.from({ length: 60 }, (_, i) => record({ server_id: i % 3 === 0 ? 'S2' : 'S1' }));
      for (const r of later) {
        await publishWhenBack(publisher, r);
      }
      const want = [...first, ...later].filter((r) => r.server_id === 'S1');
      await waitFor(() => got.length >= want.length, 20_000, 'feed events after the restart');
      await new Promise((r) => setTimeout(r, 300));
      expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
      const seqs = got.map((r) => r.s);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      sub.unsubscribe();
    });
  });

  it('after a quiet spell reads only the outage window, not everything since the feed last had an event', async () => {
    await withClients(nats.url, { markTickMs: 100 }, async (subscriber, publisher) => {
      const got: SequencedRecord[] = [];
      const sub = subscriber.subscribeFeed({ server: 'Q1' }, (r) => got.push(r));
      await sub.ready;
      // much traffic elsewhere while this feed is quiet
      await Promise.all(Array.from({ length: 400 }, () => publisher.publish(record({ server_id: 'Q9' }))));
      await new Promise((r) => setTimeout(r, 1000)); // several mark ticks
      const before = subscriber.receivedCount();
      await nats.stop();
      await nats.start();
      const mine = record({ server_id: 'Q1' });
      await publishWhenBack(publisher, mine);
      await waitFor(() => got.length === 1, 20_000, 'the feed event after the restart');
      await new Promise((r) => setTimeout(r, 300));
      expect(got.map((r) => r.id)).toEqual([mine.id]);
      // the catch-up read the outage's window only, not the 400 events of the quiet spell
      expect(subscriber.receivedCount() - before).toBeLessThan(10);
      sub.unsubscribe();
    });
  });
});
