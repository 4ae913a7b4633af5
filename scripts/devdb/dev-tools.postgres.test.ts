import { describe, expect, it } from 'vitest';
import { APP_TABLES, createTestDatabase, sql } from '@twopointo/db';
import { ALICE_COUNTS, ALICE_DEPARTURE_EVENTS, rowCounts, seedTwoUsers } from './fixtures.ts';
import { Readable, Writable } from 'node:stream';
import { deleteUserCommand, resetDbCommand } from './commands.ts';

describe('make dev-delete-user / dev-reset-db against DATABASE_URL (the real PostgreSQL)', () => {
  it('deletes one user with exact counts, then resets everything but the migrations', async () => {
    const database = await createTestDatabase('postgres');
    try {
      await seedTwoUsers(database.db);
      const out: string[] = [];
      const err: string[] = [];
      const ctx = {
        config: { DATABASE_URL: database.url!, DATA_DIR: '/nonexistent', S3_ENDPOINT: '', S3_BUCKET: '' },
        out: (l: string) => out.push(l),
        err: (l: string) => err.push(l),
      };
      const before = await rowCounts(database.db, APP_TABLES);

      expect(await deleteUserCommand('ALICE@example.com', ctx)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toContain(new URL(database.url!).pathname.slice(1));
      const after = await rowCounts(database.db, APP_TABLES);
      for (const t of APP_TABLES) {
        const announced = t === 'outbox' ? ALICE_DEPARTURE_EVENTS : 0;
        expect(after[t], t).toBe(before[t]! - ((ALICE_COUNTS as Record<string, number>)[t] ?? 0) + announced);
      }

      expect(await deleteUserCommand('alice@example.com', ctx)).toBe(1);
      expect(err.join('\n')).toContain('no user with email alice@example.com');

      const sink = new Writable({ write: (_c, _e, cb) => cb() });
      expect(await resetDbCommand({ ...ctx, input: Readable.from(['RESET\n']), output: sink })).toBe(0);
      expect(Object.values(await rowCounts(database.db, APP_TABLES)).every((n) => n === 0)).toBe(true);
      const versions = await sql<{ version: string }>`select version from schema_migrations`.execute(
        database.db,
      );
      expect(versions.rows.length).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
