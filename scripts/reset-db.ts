/**
 * make dev-reset-db — after the word RESET on stdin, empties every app table (one TRUNCATE … RESTART
 * IDENTITY CASCADE). The schema and schema_migrations stay, so no migration is needed afterwards;
 * running services keep working and users simply register again.
 */
import { ConfigError, exitOnConfigError } from '@twopointo/server-kit';
import { resetDbCommand } from './devdb/commands.ts';

resetDbCommand({
  input: process.stdin,
  output: process.stdout,
  out: (l) => console.log(l),
  err: (l) => console.error(l),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) exitOnConfigError(err);
    console.error(`[error] reset-db: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
