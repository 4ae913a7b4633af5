/** Test databases: a fresh PostgreSQL database per call (dropped on close) or in-memory PGlite. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

export type Backend = 'pglite' | 'postgres';

/** Admin URL of the machine's PostgreSQL; tests make their own databases there. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Backends the integration suites run on: both unless TEST_BACKENDS narrows it. */
export const TEST_BACKENDS: Backend[] = (process.env.TEST_BACKENDS ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is Backend => s === 'pglite' || s === 'postgres');

export interface TestDatabase extends Database {
  /** connection URL (postgres only), for services started in another process */
  url?: string;
}

export async function createTestDatabase(backend: Backend, { migrated = true } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await openDatabase({});
    if (migrated) await migrate(database);
    return database;
  }
  const name = `tp_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  if (migrated) await migrate(database);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
