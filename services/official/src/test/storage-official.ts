/**
 * A real Official on port 0 (trusted headers) with object storage, for the asset and image suites:
 * local disk, whose bytes go through the Edge's storage routes (from its package, as a deployment
 * has them) on a port of their own, or S3 (a private s3rver). A memory bus and cache; the relay
 * publishes only when kicked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { MemoryBus, OutboxRelay } from '@twopointo/bus';
import { MemoryCache } from '@twopointo/cache';
import { createTestDatabase, type Backend, type TestDatabase } from '@twopointo/db';
import { storageRoutes } from '@twopointo/edge';
import { installErrorHandler } from '@twopointo/server-kit';
import { newId } from '@twopointo/shared';
import { LocalStorage, type ObjectStorage } from '@twopointo/storage';
import { startTestS3, type TestS3 } from '@twopointo/storage/testing';
import { buildOfficialApp } from '../app.ts';
import { readOfficialConfig } from '../config.ts';
import type { OfficialApp } from '../http/types.ts';

export interface StorageOfficial {
  database: TestDatabase;
  storage: ObjectStorage;
  app: OfficialApp;
  /** Official's address */
  url: string;
  /** local: the directory under the storage */
  dir: string;
  /** where a storage URL (relative to the Edge in local mode) is reached */
  abs(u: string): string;
  /** a user row (no password) named `<name>_<id>` */
  user(name: string): Promise<{ id: string; username: string }>;
  close(): Promise<void>;
}

export async function startStorageOfficial(
  backend: Backend,
  kind: 'local' | 's3',
  secrets: { internal: string; signing: string },
): Promise<StorageOfficial> {
  const database = await createTestDatabase(backend);
  const bus = new MemoryBus();
  const cache = new MemoryCache();
  const relay = new OutboxRelay({ database, bus, intervalMs: 60_000 });
  let storage: ObjectStorage;
  let edge: FastifyInstance | undefined;
  let edgeUrl = '';
  let dir = '';
  let s3: TestS3 | undefined;
  if (kind === 'local') {
    dir = await mkdtemp(join(tmpdir(), 'tp-storage-'));
    storage = new LocalStorage({ dir, signingSecret: secrets.signing });
    edge = Fastify();
    installErrorHandler(edge);
    await edge.register(storageRoutes, { storage });
    edgeUrl = await edge.listen({ host: '127.0.0.1', port: 0 });
  } else {
    s3 = await startTestS3();
    storage = s3.storage;
  }
  const config = readOfficialConfig({
    INTERNAL_SECRET: secrets.internal,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    OFFICIAL_PORT: '0',
  });
  const app = await buildOfficialApp({ config, database, bus, cache, relay, storage });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    database,
    storage,
    app,
    url,
    dir,
    abs: (u) => (u.startsWith('/') ? edgeUrl + u : u),
    user: async (name) => {
      const id = newId();
      const username = `${name}_${id}`;
      await database.db
        .insertInto('users')
        .values({ id, email: `${username}@example.com`, username, password_hash: 'x' })
        .execute();
      return { id, username };
    },
    close: async () => {
      await app.close();
      await edge?.close();
      await relay.stop();
      await bus.close();
      await cache.close();
      await database.close();
      await s3?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
