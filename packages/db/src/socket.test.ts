import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';
import { serveDatabaseSocket, type DatabaseSocket } from './socket.ts';

describe('serveDatabaseSocket', () => {
  // one PGlite for the file (its start-up is the slow part); each test gets its own socket
  let database: Database;
  let socket: DatabaseSocket | undefined;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    database = await openDatabase({});
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.end().catch(() => undefined);
    await socket?.close();
    socket = undefined;
    await sql`delete from users`.execute(database.db);
  });

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  it('answers pg queries on loopback against the same PGlite the process uses', async () => {
    socket = await serveDatabaseSocket(database.pglite!, { port: 0 });
    expect(socket.host).toBe('127.0.0.1');
    expect(socket.port).toBeGreaterThan(0);

    await database.db
      .insertInto('users')
      .values({ id: '42', email: 'a@x.io', username: 'a', password_hash: 'h' })
      .execute();
    const client = await connect(socket.url);
    const plain = await client.query<{ email: string }>('select email from users');
    expect(plain.rows).toEqual([{ email: 'a@x.io' }]);
    const param = await client.query<{ id: string }>('select id from users where email = $1', ['a@x.io']);
    expect(param.rows).toEqual([{ id: '42' }]);

    // a write through the socket is visible to the process
    await client.query('update users set username = $1 where id = $2', ['renamed', '42']);
    const row = await database.db.selectFrom('users').select('username').executeTakeFirstOrThrow();
    expect(row.username).toBe('renamed');
  });

  it('never lets the process run inside a socket client transaction', async () => {
    socket = await serveDatabaseSocket(database.pglite!, { port: 0 });
    const client = await connect(socket.url);

    await client.query('begin');
    await client.query(
      `insert into users (id, email, username, password_hash) values (1, 'tx@x.io', 'tx', 'h')`,
    );
    // the process's insert must wait for the socket transaction, not join it
    let processDone = false;
    const processWrite = database.db
      .insertInto('users')
      .values({ id: '2', email: 'p@x.io', username: 'p', password_hash: 'h' })
      .execute()
      .then(() => (processDone = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(processDone).toBe(false);
    await client.query('rollback');
    await processWrite;

    const emails = await sql<{ email: string }>`select email from users order by id`.execute(database.db);
    expect(emails.rows.map((r) => r.email)).toEqual(['p@x.io']);
  });

  it('gives the database back when a client disconnects inside a transaction', async () => {
    socket = await serveDatabaseSocket(database.pglite!, { port: 0 });
    const client = new pg.Client({ connectionString: socket.url });
    await client.connect();
    await client.query('begin');
    await client.query(
      `insert into users (id, email, username, password_hash) values (7, 'gone@x.io', 'gone', 'h')`,
    );
    await client.end();

    const count = await sql<{ n: number }>`select count(*)::int as n from users`.execute(database.db);
    expect(count.rows[0]!.n).toBe(0);
    // and the socket still serves the next client
    const next = await connect(socket.url);
    expect((await next.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('hands the database straight back to the process when a client says goodbye', async () => {
    socket = await serveDatabaseSocket(database.pglite!, { port: 0, idleReleaseMs: 60_000 });
    const client = new pg.Client({ connectionString: socket.url });
    await client.connect();
    await client.query('select 1');
    await client.end();
    const started = Date.now();
    await sql`select 1`.execute(database.db);
    // not after the idle watchdog: Terminate needs no answer and released the lock
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a port that is already taken', async () => {
    socket = await serveDatabaseSocket(database.pglite!, { port: 0 });
    await expect(serveDatabaseSocket(database.pglite!, { port: socket.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
