/** Opens the database: PostgreSQL when a URL is given, PGlite in a data directory otherwise. */
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './types.ts';

export interface DatabaseOptions {
  /** postgres://… ; unset → PGlite */
  url?: string;
  /** PGlite data directory; unset with no url → in-memory PGlite (tests) */
  dataDir?: string;
  /** pg pool size */
  poolSize?: number;
}

export interface Database {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  /** the PGlite instance, for exposing it on a socket to local tools */
  pglite?: PGlite;
  /** true when the database answers */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      // fail fast while PostgreSQL is away instead of hanging requests
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
    });
    // an idle client losing its connection must not crash the process
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: () => ping(db),
      close: () => db.destroy(),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // the options-object form: PGlite ignores options passed after an undefined dataDir
  const instance = new PGlite({ dataDir: opts.dataDir, parsers: { [pgliteTypes.INT8]: (v: string) => v } });
  await instance.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(instance) });
  return {
    db,
    kind: 'pglite',
    pglite: instance,
    ping: () => ping(db),
    close: async () => {
      await db.destroy();
      await instance.close();
    },
  };
}

async function ping(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
