import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_TABLES,
  migrate,
  openDatabase,
  serveDatabaseSocket,
  sql,
  type Database,
  type DatabaseSocket,
} from '@twopointo/db';
import { ALICE_COUNTS, rowCounts, seedTwoUsers, type Fixture } from './fixtures.ts';
import { Readable, Writable } from 'node:stream';
import { deleteUserCommand, resetDbCommand, type CommandContext } from './commands.ts';
import { runTool } from './run-tool.ts';

/** Runs a command in this process (spawning tsx per case is slow); captures its output. */
function capture(config: CommandContext['config']) {
  const out: string[] = [];
  const err: string[] = [];
  let prompt = '';
  const ctx = {
    config: { DATABASE_URL: '', S3_ENDPOINT: '', S3_BUCKET: '', ...config },
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
  };
  const withInput = (text: string) => ({
    ...ctx,
    input: Readable.from([text]),
    output: new Writable({
      write(chunk: Buffer, _enc, cb) {
        prompt += chunk.toString();
        cb();
      },
    }),
  });
  return { ctx, withInput, out: () => out.join('\n'), err: () => err.join('\n'), prompt: () => prompt };
}

// `make dev` holds DATA_DIR/db; the tools must reach it through the all-in-one's socket
describe('make dev-delete-user / dev-reset-db against a running all-in-one (PGlite socket)', () => {
  let dataDir: string;
  let database: Database;
  let socket: DatabaseSocket;
  let f: Fixture;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tp-devtools-'));
    database = await openDatabase({ dataDir: join(dataDir, 'db') });
    await migrate(database);
    f = await seedTwoUsers(database.db);
    for (const key of [...f.aliceKeys, ...f.bobKeys]) {
      const file = join(dataDir, 'assets', key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, 'png');
    }
    socket = await serveDatabaseSocket(database.pglite!, { port: 0 });
    env = { DATA_DIR: dataDir, DEV_DB_SOCKET_PORT: String(socket.port) };
  });

  afterAll(async () => {
    await socket?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delete-user: an unknown email is a clear error, exit 1, nothing changed', async () => {
    const before = await rowCounts(database.db, APP_TABLES);
    const c = capture(env);
    expect(await deleteUserCommand('nobody@example.com', c.ctx)).toBe(1);
    expect(c.err()).toContain('no user with email nobody@example.com');
    expect(await deleteUserCommand('  ', c.ctx)).toBe(2);
    expect(c.err()).toContain('usage: make dev-delete-user EMAIL=x@y.z');
    expect(await rowCounts(database.db, APP_TABLES)).toEqual(before);
  });

  // the real entry (scripts/delete-user.ts) in its own process, as make runs it
  it('delete-user: removes the user, their data and their stored objects, prints the counts', async () => {
    const run = await runTool('scripts/delete-user.ts', ['alice@example.com'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("the running all-in-one's PGlite");
    for (const [table, n] of Object.entries(ALICE_COUNTS))
      expect(run.stdout).toMatch(new RegExp(`\\b${table}\\s+${n}\\n`));
    expect(run.stdout).toMatch(/2fa\s+TOTP secret removed/);
    expect(run.stdout).toMatch(/stored objects\s+2/);
    // the running process sees the deletion at once
    expect(await database.db.selectFrom('users').select('email').execute()).toEqual([
      { email: 'bob@example.com' },
    ]);
    for (const key of f.aliceKeys) expect(existsSync(join(dataDir, 'assets', key))).toBe(false);
    for (const key of f.bobKeys) expect(existsSync(join(dataDir, 'assets', key))).toBe(true);
  }, 60_000);

  it('reset-db: refuses anything but RESET', async () => {
    const before = await rowCounts(database.db, APP_TABLES);
    const c = capture(env);
    expect(await resetDbCommand(c.withInput('reset\n'))).toBe(1);
    expect(c.prompt()).toContain('Type RESET to continue');
    expect(c.err()).toContain('nothing changed');
    expect(await resetDbCommand(c.withInput(''))).toBe(1);
    expect(await rowCounts(database.db, APP_TABLES)).toEqual(before);
  });

  it('reset-db: RESET empties every app table, schema_migrations stays, the process keeps working', async () => {
    const c = capture(env);
    expect(await resetDbCommand(c.withInput('RESET\n'))).toBe(0);
    expect(c.err()).toBe('');
    expect(c.out()).toContain(`Emptied ${APP_TABLES.length} tables`);
    const after = await rowCounts(database.db, APP_TABLES);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    const versions = await sql<{ version: string }>`select version from schema_migrations`.execute(
      database.db,
    );
    expect(versions.rows.length).toBeGreaterThan(0);
    await seedTwoUsers(database.db);
  });
});

describe('make dev-reset-db / dev-delete-user on DATA_DIR/db when nothing runs', () => {
  it('opens the PGlite directory directly, and says so when there is none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tp-devtools-'));
    try {
      // a port nothing listens on: no all-in-one running
      const c = capture({ DATA_DIR: dataDir, DEV_DB_SOCKET_PORT: '1' });
      expect(await deleteUserCommand('a@example.com', c.ctx)).toBe(1);
      expect(c.err()).toContain('no database');

      const database = await openDatabase({ dataDir: join(dataDir, 'db') });
      await migrate(database);
      await seedTwoUsers(database.db);
      await database.close();

      expect(await resetDbCommand(c.withInput('RESET\n'))).toBe(0);
      expect(c.out()).toContain(`Emptied ${APP_TABLES.length} tables in PGlite in ${join(dataDir, 'db')}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
