/** Test-only helpers for bus suites: unique JetStream names and cleanup. Not exported from index.ts. */
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { newId } from '@twopointo/shared';
import type { BusRecord } from './types.ts';

/** The machine's shared NATS (never stopped by tests). */
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A stream name and subject prefix no other test run uses. */
export function uniqueStreamNames(): { stream: string; prefix: string } {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return { stream: `TPTEST_${tag}`, prefix: `tptest${tag}` };
}

export async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

let counter = 0;
/** A well-formed record with a fresh snowflake id (the outbox stores ids as bigint). */
export function record(overrides: Partial<BusRecord> = {}): BusRecord {
  counter++;
  return {
    id: newId(),
    t: 'MESSAGE_CREATE',
    server_id: '100',
    channel_id: '200',
    data: JSON.stringify({ n: counter }),
    ...overrides,
  };
}

export async function waitFor(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
