/** Test harness: a real Official on an ephemeral port over a test database, a MemoryBus and a MemoryCache. */
import { MemoryBus, OutboxRelay, type SequencedRecord } from '@twopointo/bus';
import { MemoryCache } from '@twopointo/cache';
import { createTestDatabase, type Backend, type TestDatabase } from '@twopointo/db';
import { newId, type EphemeralBusEvent } from '@twopointo/shared';
import { buildOfficialApp } from '../app.ts';
import { readOfficialConfig, type OfficialConfig } from '../config.ts';
import type { OfficialApp } from '../http/types.ts';

export const SECRET = 'test-internal-secret-0123456789';

export interface TestUser {
  id: string;
  username: string;
}

export interface Harness {
  app: OfficialApp;
  url: string;
  database: TestDatabase;
  bus: MemoryBus;
  cache: MemoryCache;
  relay: OutboxRelay;
  config: OfficialConfig;
  /** durable events seen on the bus, in order */
  events: SequencedRecord[];
  ephemeral: EphemeralBusEvent[];
  user(name?: string): Promise<TestUser>;
  /** fetch as a user (or with raw headers when `as` is null) */
  call(
    method: string,
    path: string,
    opts?: { as?: TestUser | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    headers: Headers;
  }>;
  /** publishes pending outbox rows and returns the durable events since the previous call */
  drain(): Promise<{ t: string; server_id: string; channel_id?: string; user_id?: string; d: any }[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

let userSeq = 0;

/** `shared`: reuse another harness's database (closed by its owner), since PGlite is slow to start. */
export async function startHarness(
  backend: Backend,
  overrides: Partial<Record<keyof OfficialConfig, string>> = {},
  shared?: TestDatabase,
): Promise<Harness> {
  const database = shared ?? (await createTestDatabase(backend));
  const bus = new MemoryBus();
  const cache = new MemoryCache();
  const relay = new OutboxRelay({ database, bus, intervalMs: 60_000 });
  const config = readOfficialConfig({
    INTERNAL_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    OFFICIAL_PORT: '0',
    ...overrides,
  });
  const app = await buildOfficialApp({ config, database, bus, cache, relay });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const events: SequencedRecord[] = [];
  const ephemeral: EphemeralBusEvent[] = [];
  bus.subscribe((r) => events.push(r));
  bus.subscribeEphemeral((e) => ephemeral.push(e));
  let drained = 0;
  return {
    app,
    url,
    database,
    bus,
    cache,
    relay,
    config,
    events,
    ephemeral,
    async user(name) {
      const id = newId();
      const username = name ?? `user${process.pid}_${++userSeq}`;
      await database.db
        .insertInto('users')
        .values({
          id,
          email: `${username}_${id}@example.com`,
          username: `${username}_${id}`,
          password_hash: 'x',
        })
        .execute();
      return { id, username: `${username}_${id}` };
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {
        ...(opts.as ? { 'x-internal-secret': SECRET, 'x-user-id': opts.as.id } : {}),
      };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, opts.headers);
      const res = await fetch(url + path, {
        method,
        headers,
        body:
          opts.body === undefined
            ? undefined
            : typeof opts.body === 'string'
              ? opts.body
              : JSON.stringify(opts.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async drain() {
      await relay.flush();
      const fresh = events.slice(drained);
      drained = events.length;
      return fresh.map((r) => ({
        t: r.t,
        server_id: r.server_id,
        channel_id: r.channel_id,
        ...(r.user_id !== undefined ? { user_id: r.user_id } : {}),
        d: JSON.parse(r.data),
      }));
    },
    async close() {
      await app.close();
      await relay.stop();
      await bus.close();
      await cache.close();
      if (!shared) await database.close();
    },
  };
}
