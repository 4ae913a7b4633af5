/**
 * Shutdown must flush the outbox: a commit that kicks the relay while a publish pass is under way,
 * right before the service stops, is published by stop() and not left for the next start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEvent, MemoryBus, OutboxRelay, type BusRecord } from '@twopointo/bus';
import { createTestDatabase, type TestDatabase } from '@twopointo/db';
import { record } from '../../packages/bus/src/test-support.ts';
import { sleep } from '../security/harness.ts';
import { unpublished } from './support.ts';

describe('outbox relay on shutdown', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database?.close());

  it('stop() publishes what was committed during the last pass', async () => {
    const bus = new MemoryBus();
    const publish = bus.publish.bind(bus);
    // a slow bus keeps the first pass busy while the second commit kicks
    bus.publish = async (r: BusRecord) => {
      await sleep(200);
      return publish(r);
    };
    const relay = new OutboxRelay({ database, bus, intervalMs: 60_000 });
    relay.start();
    await sleep(50); // the start-up pass finds nothing
    await database.db.transaction().execute((trx) => enqueueEvent(trx, record()));
    relay.kick();
    await sleep(50);
    await database.db.transaction().execute((trx) => enqueueEvent(trx, record()));
    relay.kick();
    await relay.stop();
    expect(await unpublished(database)).toBe(0);
    expect(await bus.lastSeq()).toBe(2);
    await bus.close();
  });
});
