/**
 * make dev-delete-user EMAIL=x@y.z — deletes one user and all their data in one transaction, then
 * their stored objects, and prints what went. Works on DATABASE_URL, on a running `make dev`
 * (through its PGlite socket) or on DATA_DIR/db when nothing runs.
 */
import { ConfigError, exitOnConfigError } from '@twopointo/server-kit';
import { deleteUserCommand } from './devdb/commands.ts';

deleteUserCommand(process.argv[2], { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) exitOnConfigError(err);
    console.error(`[error] delete-user: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
