/** The dev database commands behind make dev-delete-user and make dev-reset-db, returning exit codes. */
import { APP_TABLES } from '@twopointo/db';
import { openStorage, readStorageConfig } from '@twopointo/storage';
import { openToolDatabase } from './open.ts';
import { confirmReset, truncateAppTables } from './reset.ts';
import { deleteUserByEmail } from './user-deletion.ts';

export interface CommandContext {
  /** config values that win over the environment and .env (tests) */
  config?: {
    DATABASE_URL?: string;
    DATA_DIR?: string;
    DEV_DB_SOCKET_PORT?: string;
    S3_ENDPOINT?: string;
    S3_BUCKET?: string;
  };
  out: (line: string) => void;
  err: (line: string) => void;
}

const noDatabase = (pgliteDir: string) =>
  `[error] no database: DATABASE_URL is unset, make dev is not running and ${pgliteDir} does not exist`;

export async function deleteUserCommand(email: string | undefined, ctx: CommandContext): Promise<number> {
  if (!email?.trim()) {
    ctx.err('usage: make dev-delete-user EMAIL=x@y.z');
    return 2;
  }
  const { DATABASE_URL, DATA_DIR, DEV_DB_SOCKET_PORT, S3_ENDPOINT, S3_BUCKET } = ctx.config ?? {};
  const { local, pgliteDir } = await openToolDatabase({ DATABASE_URL, DATA_DIR, DEV_DB_SOCKET_PORT });
  if (!local) {
    ctx.err(noDatabase(pgliteDir));
    return 1;
  }
  let result;
  try {
    result = await deleteUserByEmail(local.database.db, email.trim());
  } finally {
    await local.database.close();
  }
  if (!result) {
    ctx.err(`[error] no user with email ${email.trim()} in ${local.where}`);
    return 1;
  }
  const row = (label: string, value: string | number) => ctx.out(`  ${label.padEnd(20)} ${value}`);
  ctx.out(`Deleted user ${result.email} (id ${result.userId}) from ${local.where}:`);
  for (const [table, n] of Object.entries(result.counts)) row(table, n);
  row('2fa', result.hadTwoFactor ? 'TOTP secret removed' : 'none set up');
  if (result.storageKeys.length > 0) {
    // after the commit: a failed object delete leaves an orphan object, never a half-deleted user
    try {
      await openStorage(readStorageConfig({ DATA_DIR, S3_ENDPOINT, S3_BUCKET })).delete(result.storageKeys);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      ctx.err(
        `[warn] the user is deleted, but removing ${result.storageKeys.length} stored object(s) failed: ${why}`,
      );
      for (const key of result.storageKeys) ctx.err(`  ${key}`);
      return 1;
    }
  }
  row('stored objects', result.storageKeys.length);
  ctx.out('The address can be registered again.');
  return 0;
}

export async function resetDbCommand(
  ctx: CommandContext & { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<number> {
  const { DATABASE_URL, DATA_DIR, DEV_DB_SOCKET_PORT } = ctx.config ?? {};
  const { local, pgliteDir } = await openToolDatabase({ DATABASE_URL, DATA_DIR, DEV_DB_SOCKET_PORT });
  if (!local) {
    ctx.err(noDatabase(pgliteDir));
    return 1;
  }
  try {
    if (!(await confirmReset(ctx.input, ctx.output, local.where))) {
      ctx.err('\nNot confirmed (expected RESET): nothing changed.');
      return 1;
    }
    await truncateAppTables(local.database.db);
    ctx.out(`Emptied ${APP_TABLES.length} tables in ${local.where}: ${APP_TABLES.join(', ')}`);
    ctx.out('Schema and schema_migrations untouched.');
    return 0;
  } finally {
    await local.database.close();
  }
}
