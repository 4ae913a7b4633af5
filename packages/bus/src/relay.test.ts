/** The outbox relay on both databases and both buses: in order, exactly once, marked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  openDatabase,
  TEST_BACKENDS,
  type Database,
  type TestDatabase,
} from '@twopointo/db';
import { JetStreamBus } from './jetstream.ts';
import { MemoryBus } from './memory.ts';
import { enqueueEvent, OutboxRelay } from './relay.ts';
import { deleteStream, record, TEST_NATS_URL, uniqueStreamNames, waitFor } from './test-support.ts';
import type { BusRecord, EventBus, SequencedRecord } from './types.ts';

const quiet = { warn: () => undefined, error: () => undefined };

interface BusBackend {
  name: string;
  open(): Promise<{ bus: EventBus; cleanup(): Promise<void> }>;
}

const busBackends: BusBackend[] = [
  { name: 'memory', open: async () => ({ bus: new MemoryBus(), cleanup: async () => undefined }) },
  {
    name: 'jetstream',
    open: async () => {
      const names = uniqueStreamNames();
      const bus = await JetStreamBus.connect({ url: TEST_NATS_URL, ...names, logger: quiet });
      return { bus, cleanup: () => deleteStream(TEST_NATS_URL, names.stream) };
    },
  },
];

/** Counts publish() calls, and can be told to refuse, so double publishes and retries are visible. */
class SpyBus {
  calls: string[] = [];
  refuse = false;
  constructor(readonly inner: EventBus) {}
  asBus(): EventBus {
    return new Proxy(this.inner, {
      get: (target, prop, receiver) => {
        if (prop === 'publish') {
          return async (r: BusRecord) => {
            if (this.refuse) throw new Error('bus down');
            this.calls.push(r.id);
            return target.publish(r);
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }
}

async function enqueue(database: Database, records: BusRecord[]): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (const r of records) await enqueueEvent(trx, r);
  });
}

async function unpublishedCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(TEST_BACKENDS)('OutboxRelay on %s', (dbBackend) => {
  // one database per backend: every test leaves the outbox fully published
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dbBackend);
  });
  afterAll(async () => {
    await database?.close();
  });

  describe.each(busBackends)('with the $name bus', (busBackend) => {
    let bus: EventBus;
    let cleanupBus: () => Promise<void>;
    let got: SequencedRecord[];

    beforeAll(async () => {
      ({ bus, cleanup: cleanupBus } = await busBackend.open());
    });
    afterAll(async () => {
      await bus?.close();
      await cleanupBus?.();
    });

    async function listen(): Promise<() => void> {
      got = [];
      const sub = bus.subscribe((r) => got.push(r));
      await sub.ready;
      return () => sub.unsubscribe();
    }

    it('flush publishes pending rows in outbox order exactly once and marks them', async () => {
      const stop = await listen();
      const spy = new SpyBus(bus);
      const relay = new OutboxRelay({ database, bus: spy.asBus(), logger: quiet, batchSize: 4 });
      const first = Array.from({ length: 10 }, () => record());
      const second = Array.from({ length: 5 }, () => record({ channel_id: undefined, t: 'SERVER_UPDATE' }));
      await enqueue(database, first);
      await enqueue(database, second);
      expect(await unpublishedCount(database)).toBe(15);
      await relay.flush();
      const all = [...first, ...second];
      await waitFor(() => got.length >= 15);
      expect(got.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(got[0]).toMatchObject(first[0]!);
      expect(spy.calls).toEqual(all.map((r) => r.id));
      expect(await unpublishedCount(database)).toBe(0);
      await relay.flush();
      expect(spy.calls).toHaveLength(15);
      stop();
    });

    it('kick() after a commit publishes without waiting for the poll', async () => {
      const stop = await listen();
      const relay = new OutboxRelay({ database, bus, logger: quiet, intervalMs: 60_000 });
      relay.start();
      await new Promise((r) => setTimeout(r, 50));
      const recs = [record(), record(), record()];
      await enqueue(database, recs);
      relay.kick();
      await waitFor(() => got.length >= 3, 5000, 'kicked events');
      expect(got.map((r) => r.id)).toEqual(recs.map((r) => r.id));
      await relay.stop();
      expect(await unpublishedCount(database)).toBe(0);
      stop();
    });

    it('keeps rows while the bus refuses and publishes them in order once it accepts', async () => {
      const stop = await listen();
      const spy = new SpyBus(bus);
      spy.refuse = true;
      const relay = new OutboxRelay({ database, bus: spy.asBus(), logger: quiet });
      const recs = Array.from({ length: 6 }, () => record());
      await enqueue(database, recs);
      await expect(relay.flush()).rejects.toThrow('bus down');
      expect(await unpublishedCount(database)).toBe(6);
      spy.refuse = false;
      await relay.flush();
      await waitFor(() => got.length >= 6);
      expect(got.map((r) => r.id)).toEqual(recs.map((r) => r.id));
      expect(await unpublishedCount(database)).toBe(0);
      stop();
    });

    it('two relays on one database neither double-publish nor reorder', async () => {
      const stop = await listen();
      // separate pools on PostgreSQL, like two Official instances; PGlite has one connection
      const other: Database = database.url
        ? await openDatabase({ url: database.url, poolSize: 3 })
        : database;
      const spy = new SpyBus(bus);
      const a = new OutboxRelay({ database, bus: spy.asBus(), logger: quiet, batchSize: 7, intervalMs: 20 });
      const b = new OutboxRelay({
        database: other,
        bus: spy.asBus(),
        logger: quiet,
        batchSize: 7,
        intervalMs: 20,
      });
      a.start();
      b.start();
      const recs = Array.from({ length: 120 }, () => record());
      try {
        for (let i = 0; i < recs.length; i += 3) {
          await enqueue(i % 2 ? database : other, recs.slice(i, i + 3));
          a.kick();
          b.kick();
        }
        await waitFor(() => got.length >= recs.length, 20_000, 'all events');
        await a.stop();
        await b.stop();
      } finally {
        if (other !== database) await other.close();
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(spy.calls).toEqual(recs.map((r) => r.id));
      expect(got.map((r) => r.id)).toEqual(recs.map((r) => r.id));
      expect(await unpublishedCount(database)).toBe(0);
      stop();
    });
  });
});
