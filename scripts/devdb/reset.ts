/** Empties every application table in one statement; the schema and schema_migrations stay. */
import { createInterface } from 'node:readline/promises';
import { sql, type Kysely } from '@twopointo/db';
import { APP_TABLES, type DB } from '@twopointo/db';

export async function truncateAppTables(
  db: Kysely<DB>,
  tables: readonly string[] = APP_TABLES,
): Promise<void> {
  // one TRUNCATE: all tables at once, so foreign keys never see a half-emptied database
  await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
}

/** Asks for the word RESET; anything else (or end of input) is a refusal. */
export async function confirmReset(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  where: string,
): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    output.write(
      `This empties every table of ${where} (${APP_TABLES.length} tables; schema kept).\nType RESET to continue: `,
    );
    const answer = await new Promise<string | null>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(null));
    });
    return answer?.trim() === 'RESET';
  } finally {
    rl.close();
  }
}
