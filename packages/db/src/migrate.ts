/** Applies migrations/NNN_*.sql in order, each once, recorded in schema_migrations. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * The SQL files beside this package; a build-all bundle (bin/*.mjs) sets MIGRATIONS_DIR to its
 * own copy, since the bundle no longer sits next to packages/db.
 */
export const MIGRATIONS_DIR = process.env.MIGRATIONS_DIR
  ? process.env.MIGRATIONS_DIR.replace(/\/*$/, '/')
  : fileURLToPath(new URL('../migrations/', import.meta.url));

export interface Migration {
  version: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(`${dir}${f}`, 'utf8') }));
}

/** Returns the versions it applied (empty when the database was current). */
export async function migrate(database: Database, migrations = listMigrations()): Promise<string[]> {
  const { db } = database;
  await sql`create table if not exists schema_migrations (
    version text primary key,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      // several instances may start together: one applies, the others wait and skip
      await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
      const row = await sql<{
        version: string;
      }>`select version from schema_migrations where version = ${m.version}`.execute(trx);
      if (row.rows.length > 0) return false;
      // PGlite's extended protocol takes one statement per query; exec runs a script
      if (database.pglite) await database.pglite.exec(m.sql);
      else await sql.raw(m.sql).execute(trx);
      await sql`insert into schema_migrations (version) values (${m.version})`.execute(trx);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
