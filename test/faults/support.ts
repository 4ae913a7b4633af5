/** Fault-suite helpers: backends around a private NATS server, and reading what a socket got. */
import { Redis } from 'ioredis';
import { createTestDatabase, sql, type Database, type TestDatabase } from '@twopointo/db';
import { deleteStream, uniqueStreamNames } from '../../packages/bus/src/test-support.ts';
import type { DistributedBackends } from '../helpers/backends.ts';
import { TEST_REDIS_URL } from '../helpers/backends.ts';
import type { GatewayClient } from '../helpers/client.ts';

export const SOAK = process.env.SOAK === '1';

/**
 * Like distributedBackends(), but with NATS at `natsUrl` (a private server the test may stop) and
 * optionally the database at `databaseUrl` (a private PostgreSQL; then the machine's is not used).
 */
export async function backendsWithNats(natsUrl: string, databaseUrl?: string): Promise<DistributedBackends> {
  const database = databaseUrl ? undefined : await createTestDatabase('postgres', { migrated: false });
  const { stream, prefix } = uniqueStreamNames();
  const redisPrefix = `${prefix}:`;
  return {
    env: {
      DATABASE_URL: databaseUrl ?? database!.url!,
      NATS_URL: natsUrl,
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: prefix,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
    },
    database: database as TestDatabase,
    stream,
    prefix,
    redisPrefix,
    cleanup: async () => {
      await deleteStream(natsUrl, stream).catch(() => undefined);
      const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
      await redis.connect();
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await database?.close();
    },
  };
}

/** Message ids of the MESSAGE_CREATE events of one channel, in the order the outbox committed them. */
export async function outboxMessageOrder(database: Database, channelId: string): Promise<string[]> {
  const rows = await sql<{ payload: string }>`select payload from outbox order by seq`.execute(database.db);
  const out: string[] = [];
  for (const { payload } of rows.rows) {
    const rec = JSON.parse(payload) as { t: string; channel_id?: string; data: string };
    if (rec.t === 'MESSAGE_CREATE' && rec.channel_id === channelId)
      out.push((JSON.parse(rec.data) as { id: string }).id);
  }
  return out;
}

export async function unpublished(database: Database): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*)::text as n from outbox where published_at is null`.execute(database.db);
  return Number(r.rows[0]!.n);
}

/** The MESSAGE_CREATE events a client received for one channel: ids and stream positions. */
export function received(client: GatewayClient, channelId: string): { ids: string[]; seqs: number[] } {
  const evs = client
    .events('MESSAGE_CREATE')
    .filter((e) => (e.d as { channel_id: string }).channel_id === channelId) as unknown as {
    s: number;
    d: { id: string };
  }[];
  return { ids: evs.map((e) => e.d.id), seqs: evs.map((e) => e.s) };
}

/** Duplicates, ids missing and ids unexpected when a client got `got` and the store holds `stored`. */
export function compare(
  got: string[],
  stored: string[],
): { duplicates: number; missing: number; extra: number } {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const id of got) {
    if (seen.has(id)) duplicates++;
    seen.add(id);
  }
  const storedSet = new Set(stored);
  return {
    duplicates,
    missing: stored.filter((id) => !seen.has(id)).length,
    extra: [...seen].filter((id) => !storedSet.has(id)).length,
  };
}

export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
