/**
 * `npm run migrate` / `make migrate-up`: applies pending migrations to DATABASE_URL, or to the
 * embedded PGlite (through a running all-in-one's socket when there is one), and says what it did.
 */
import { resolve } from 'node:path';
import { ConfigError, env, exitOnConfigError, readConfig, REPO_ROOT } from '@twopointo/server-kit';
import { migrate } from './migrate.ts';
import { DEV_DB_SOCKET_PORT, openLocalDatabase } from './socket.ts';
import { openDatabase } from './database.ts';

async function main(): Promise<void> {
  const config = readConfig({
    DATABASE_URL: env.optional(),
    DATA_DIR: env.string('./data'),
    DEV_DB_SOCKET_PORT: env.port(DEV_DB_SOCKET_PORT),
  });
  const pgliteDir = resolve(REPO_ROOT, config.DATA_DIR, 'db');
  // a first run of the embedded default creates its database
  const local = (await openLocalDatabase({
    url: config.DATABASE_URL,
    pgliteDir,
    socketPort: config.DEV_DB_SOCKET_PORT,
  })) ?? { database: await openDatabase({ dataDir: pgliteDir }), where: `PGlite in ${pgliteDir}` };
  try {
    const applied = await migrate(local.database);
    if (applied.length === 0) console.log(`migrations: ${local.where} is up to date`);
    else {
      console.log(`migrations: applied ${applied.length} to ${local.where}`);
      for (const v of applied) console.log(`  + ${v}`);
    }
  } finally {
    await local.database.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) exitOnConfigError(err);
  console.error(`migrations failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
