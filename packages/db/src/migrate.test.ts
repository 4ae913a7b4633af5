import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, TEST_BACKENDS } from './testing.ts';
import { listMigrations, migrate } from './migrate.ts';

describe.each(TEST_BACKENDS)('migrations on %s', (backend) => {
  it('apply to an empty database in order, and a second run changes nothing', async () => {
    const database = await createTestDatabase(backend, { migrated: false });
    try {
      const first = await migrate(database);
      expect(first).toEqual(listMigrations().map((m) => m.version));
      const second = await migrate(database);
      expect(second).toEqual([]);
      const rows = await sql<{
        version: string;
      }>`select version from schema_migrations order by version`.execute(database.db);
      expect(rows.rows.map((r) => r.version)).toEqual(first);
      const col = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_name = 'users' and column_name = 'recovery_confirmed_at'`.execute(database.db);
      expect(col.rows).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('serialises transactions and keeps bigint ids as strings', async () => {
    const database = await createTestDatabase(backend);
    try {
      const big = '9007199254740993';
      await database.db
        .insertInto('users')
        .values({ id: big, email: 'a@x.io', username: 'a', password_hash: 'h' })
        .execute();
      const row = await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
      expect(row.id).toBe(big);
      await expect(
        database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({ id: '2', email: 'b@x.io', username: 'b', password_hash: 'h' })
            .execute();
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const count = await database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    } finally {
      await database.close();
    }
  });

  it("012 counts the reactions already there into each message's reaction_counts", async () => {
    const database = await createTestDatabase(backend, { migrated: false });
    try {
      const all = listMigrations();
      await migrate(
        database,
        all.filter((m) => m.version < '012'),
      );
      const { db } = database;
      await db
        .insertInto('users')
        .values(['1', '2'].map((id) => ({ id, email: `${id}@x.io`, username: `u${id}`, password_hash: 'h' })))
        .execute();
      await db.insertInto('servers').values({ id: '10', name: 's', owner_id: '1' }).execute();
      await db.insertInto('channels').values({ id: '20', server_id: '10', name: 'a', topic: null }).execute();
      await db
        .insertInto('messages')
        .values(
          ['100', '101'].map((id) => ({
            id,
            channel_id: '20',
            server_id: '10',
            author_id: '1',
            content: id,
          })),
        )
        .execute();
      await sql`insert into message_reactions (message_id, emoji, user_id, created_at) values
        (100, 'b', 1, now() - interval '2 minutes'), (100, 'a', 1, now() - interval '1 minute'),
        (100, 'b', 2, now())`.execute(db);
      expect(await migrate(database)).toEqual(all.filter((m) => m.version >= '012').map((m) => m.version));
      const rows = await db.selectFrom('messages').select(['id', 'reaction_counts']).orderBy('id').execute();
      expect(rows).toEqual([
        {
          id: '100',
          reaction_counts: [
            ['b', 2],
            ['a', 1],
          ],
        },
        { id: '101', reaction_counts: null },
      ]);
      // and the trigger keeps it from then on
      await sql`delete from message_reactions where message_id = 100 and emoji = 'a'`.execute(db);
      await sql`insert into message_reactions (message_id, emoji, user_id) values (101, 'c', 2)`.execute(db);
      expect(
        await db.selectFrom('messages').select(['id', 'reaction_counts']).orderBy('id').execute(),
      ).toEqual([
        { id: '100', reaction_counts: [['b', 2]] },
        { id: '101', reaction_counts: [['c', 1]] },
      ]);
    } finally {
      await database.close();
    }
  });

  it("003_attention backfills each channel's newest message and indexes content for full-text search", async () => {
    const database = await createTestDatabase(backend, { migrated: false });
    try {
      const all = listMigrations();
      await migrate(
        database,
        all.filter((m) => m.version < '003'),
      );
      const { db } = database;
      await db
        .insertInto('users')
        .values({ id: '1', email: 'a@x.io', username: 'a', password_hash: 'h' })
        .execute();
      await db.insertInto('servers').values({ id: '10', name: 's', owner_id: '1' }).execute();
      await db
        .insertInto('channels')
        .values([
          { id: '20', server_id: '10', name: 'a', topic: null },
          { id: '21', server_id: '10', name: 'b', topic: null },
        ])
        .execute();
      await db
        .insertInto('messages')
        .values(
          ['100', '101'].map((id) => ({
            id,
            channel_id: '20',
            server_id: '10',
            author_id: '1',
            content: `Hello world ${id}`,
          })),
        )
        .execute();
      expect(
        await migrate(
          database,
          all.filter((m) => m.version < '004'),
        ),
      ).toEqual(['003_attention']);
      const channels = await db
        .selectFrom('channels')
        .select(['id', 'last_message_id'])
        .orderBy('id')
        .execute();
      expect(channels).toEqual([
        { id: '20', last_message_id: '101' },
        { id: '21', last_message_id: null },
      ]);
      const hits = await db
        .selectFrom('messages')
        .select(['id', 'mentions', 'mention_roles', 'mention_everyone'])
        .where(sql<boolean>`search @@ websearch_to_tsquery('simple', ${'HELLO 101'})`)
        .execute();
      expect(hits).toEqual([{ id: '101', mentions: [], mention_roles: [], mention_everyone: false }]);
      const idx = await sql<{ indexdef: string }>`
        select indexdef from pg_indexes where indexname = 'messages_search_idx'`.execute(db);
      expect(idx.rows[0]?.indexdef).toMatch(/USING gin \(search\)/);
    } finally {
      await database.close();
    }
  });
});
