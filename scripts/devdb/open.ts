/** The database a dev tool works on: DATABASE_URL, a running `make dev`, or DATA_DIR/db. */
import { resolve } from 'node:path';
import { DEV_DB_SOCKET_PORT, openLocalDatabase, type LocalDatabase } from '@twopointo/db';
import { env, readConfig, REPO_ROOT } from '@twopointo/server-kit';

export const devToolConfigSpec = {
  DATABASE_URL: env.optional(),
  DATA_DIR: env.string('./data'),
  DEV_DB_SOCKET_PORT: env.port(DEV_DB_SOCKET_PORT),
};

export function pgliteDirOf(dataDir: string): string {
  return resolve(REPO_ROOT, dataDir, 'db');
}

/** Null when there is no database at all yet (embedded default never started). */
export async function openToolDatabase(
  overrides: Partial<Record<keyof typeof devToolConfigSpec, string>> = {},
): Promise<{ local: LocalDatabase | null; pgliteDir: string }> {
  const config = readConfig(devToolConfigSpec, overrides);
  const pgliteDir = pgliteDirOf(config.DATA_DIR);
  const local = await openLocalDatabase({
    url: config.DATABASE_URL,
    pgliteDir,
    socketPort: config.DEV_DB_SOCKET_PORT,
  });
  return { local, pgliteDir };
}
