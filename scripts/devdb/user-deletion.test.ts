import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_TABLES, createTestDatabase, sql, TEST_BACKENDS, type TestDatabase } from '@twopointo/db';
import { ALICE_COUNTS, ALICE_DEPARTURE_EVENTS, rowCounts, seedTwoUsers } from './fixtures.ts';
import { deleteUserByEmail } from './user-deletion.ts';
import { truncateAppTables } from './reset.ts';

describe.each(TEST_BACKENDS)('dev database tools on %s', (backend) => {
  // one database per backend (PGlite start-up is the slow part); every test starts empty
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await truncateAppTables(database.db);
  });

  it('deleteUserByEmail removes the user and all their data, and nothing of anyone else', async () => {
    const f = await seedTwoUsers(database.db);
    const before = await rowCounts(database.db, APP_TABLES);

    // the email matches case-insensitively, like login does
    const result = await deleteUserByEmail(database.db, 'alice@EXAMPLE.com');
    expect(result).not.toBeNull();
    expect(result!.userId).toBe(f.alice);
    expect(result!.counts).toEqual(ALICE_COUNTS);
    expect(result!.hadTwoFactor).toBe(true);
    expect(result!.storageKeys.sort()).toEqual(f.aliceKeys);

    const after = await rowCounts(database.db, APP_TABLES);
    for (const t of APP_TABLES) {
      if (t === 'outbox') continue; // grows by the departure events, checked below
      expect(after[t], t).toBe(before[t]! - ((ALICE_COUNTS as Record<string, number>)[t] ?? 0));
    }
    // connected clients are told: SERVER_DELETE for each server she owned, MEMBER_LEAVE elsewhere
    const events = await database.db.selectFrom('outbox').select('payload').orderBy('seq').execute();
    const announced = events.slice(before.outbox).map((e) => (JSON.parse(e.payload) as { t: string }).t);
    expect(announced).toHaveLength(ALICE_DEPARTURE_EVENTS);
    expect(new Set(announced)).toEqual(new Set(['SERVER_DELETE', 'MEMBER_LEAVE']));
    // Bob keeps his account, server, channel, own messages, asset, codes and tokens
    const bobMessages = await database.db
      .selectFrom('messages')
      .select('id')
      .where('author_id', '=', f.bob)
      .execute();
    expect(bobMessages.map((m) => m.id)).toEqual(['5004']);
    expect(await database.db.selectFrom('servers').select('id').execute()).toEqual([{ id: '200' }]);
    expect(await database.db.selectFrom('assets').select('storage_key').execute()).toEqual([
      { storage_key: f.bobKeys[0] },
    ]);
    expect(await database.db.selectFrom('members').select(['server_id', 'user_id']).execute()).toEqual([
      { server_id: '200', user_id: f.bob },
    ]);
    expect(await database.db.selectFrom('invites').select('code').execute()).toEqual([{ code: 'bobown' }]);
    expect(await database.db.selectFrom('channel_overwrites').select('target_id').execute()).toEqual([
      { target_id: '201' },
    ]);
    expect(await rowCounts(database.db, ['recovery_codes', 'refresh_tokens'])).toEqual({
      recovery_codes: 1,
      refresh_tokens: 1,
    });
  });

  it('deleteUserByEmail returns null for an unknown email and changes nothing', async () => {
    await seedTwoUsers(database.db);
    const before = await rowCounts(database.db, APP_TABLES);
    expect(await deleteUserByEmail(database.db, 'nobody@example.com')).toBeNull();
    expect(await rowCounts(database.db, APP_TABLES)).toEqual(before);
  });

  it('truncateAppTables empties every app table and keeps schema_migrations and the schema', async () => {
    await seedTwoUsers(database.db);
    const migrations = await sql<{
      version: string;
    }>`select version from schema_migrations order by version`.execute(database.db);
    expect(migrations.rows.length).toBeGreaterThan(0);

    await truncateAppTables(database.db);

    const after = await rowCounts(database.db, APP_TABLES);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    const kept = await sql<{
      version: string;
    }>`select version from schema_migrations order by version`.execute(database.db);
    expect(kept.rows).toEqual(migrations.rows);
    // RESTART IDENTITY: the outbox sequence starts again at 1
    await database.db.insertInto('outbox').values({ event_id: '9', payload: '{}' }).execute();
    const row = await database.db.selectFrom('outbox').select('seq').executeTakeFirstOrThrow();
    expect(String(row.seq)).toBe('1');
    // the schema is intact: the same data can be written again
    await seedTwoUsers(database.db);
  });
});
