/** JetStream-only behaviour beyond the shared contract. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { JetStreamBus } from './jetstream.ts';
import { deleteStream, record, TEST_NATS_URL, uniqueStreamNames, waitFor } from './test-support.ts';
import type { SequencedRecord } from './types.ts';

const quiet = { warn: () => undefined, error: () => undefined };

describe('JetStreamBus', () => {
  const names = uniqueStreamNames();
  let bus: JetStreamBus;
  beforeAll(async () => {
    bus = await JetStreamBus.connect({ url: TEST_NATS_URL, ...names, logger: quiet });
  });
  afterAll(async () => {
    await bus?.close();
    await deleteStream(TEST_NATS_URL, names.stream);
  });

  it('creates the stream with bounded retention, per-event subjects and a 2 min duplicate window', async () => {
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(names.stream);
      expect(info.config.subjects).toEqual([`${names.prefix}.ev.>`]);
      expect(info.config.max_msgs).toBe(1_000_000);
      expect(info.config.max_age).toBe(nanos(7 * 24 * 3600 * 1000));
      expect(info.config.duplicate_window).toBe(nanos(120_000));
      await bus.publish(record({ server_id: '11', channel_id: '22', t: 'MESSAGE_UPDATE' }));
      await bus.publish({ ...record({ server_id: '11', t: 'SERVER_UPDATE' }), channel_id: undefined });
      const js = await jsm.streams.get(names.stream);
      const last = await js.getMessage({ last_by_subj: `${names.prefix}.ev.11._.SERVER_UPDATE` });
      expect(last?.json<{ server_id: string }>().server_id).toBe('11');
      const chan = await js.getMessage({ last_by_subj: `${names.prefix}.ev.11.22.MESSAGE_UPDATE` });
      expect(chan).not.toBeNull();
    } finally {
      await nc.close();
    }
  });

  it('updates the limits of an existing stream on start', async () => {
    const other = await JetStreamBus.connect({
      url: TEST_NATS_URL,
      ...names,
      maxMsgs: 50_000,
      maxAgeMs: 3600_000,
    });
    const info = await other.ensureStream();
    expect(info.config.max_msgs).toBe(50_000);
    expect(info.config.max_age).toBe(nanos(3600_000));
    await other.close();
    // back to the defaults for the rest of the file
    await bus.ensureStream();
  });

  it('replays more events than one fetch batch, in order', async () => {
    const base = await bus.lastSeq();
    const recs = Array.from({ length: 2300 }, () => record());
    for (let i = 0; i < recs.length; i += 500)
      await Promise.all(recs.slice(i, i + 500).map((r) => bus.publish(r)));
    const replayed = await bus.replay(base);
    expect(replayed).toHaveLength(recs.length);
    expect(replayed!.map((r) => r.id)).toEqual(recs.map((r) => r.id));
    expect(replayed!.at(-1)!.s).toBe(base + recs.length);
    // only up to the last seq as of the call
    const mid = await bus.replay(base + 2299);
    expect(mid?.map((r) => r.id)).toEqual([recs[2299]!.id]);
  });

  it('delivers one event to subscribers of several bus instances (each has its own tail)', async () => {
    const second = await JetStreamBus.connect({ url: TEST_NATS_URL, ...names, logger: quiet });
    const a: SequencedRecord[] = [];
    const b: SequencedRecord[] = [];
    const sa = bus.subscribe((r) => a.push(r));
    const sb = second.subscribe((r) => b.push(r));
    await Promise.all([sa.ready, sb.ready]);
    const rec = record();
    const s = await second.publish(rec);
    await waitFor(() => a.length === 1 && b.length === 1);
    expect(a[0]).toEqual({ ...rec, s });
    expect(b[0]).toEqual({ ...rec, s });
    sa.unsubscribe();
    sb.unsubscribe();
    await second.close();
  });

  it('rejects publish after close', async () => {
    const other = await JetStreamBus.connect({ url: TEST_NATS_URL, ...names });
    await other.close();
    await expect(other.publish(record())).rejects.toThrow('closed');
    expect(await other.healthy()).toBe(false);
  });
});
