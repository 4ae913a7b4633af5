/**
 * Exposes the embedded PGlite on a loopback socket speaking the PostgreSQL wire protocol, so local
 * tools (delete-user, reset-db, psql) reach the database of a running all-in-one process: PGlite
 * admits one process, and the data directory cannot be opened twice.
 */
import { existsSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { openDatabase, type Database } from './database.ts';
import { pgliteLock } from './pglite-dialect.ts';

/** Where `make dev` serves its PGlite for local tools. */
export const DEV_DB_SOCKET_PORT = 54329;

export interface DatabaseSocketOptions {
  /** loopback only by default: the socket has no authentication */
  host?: string;
  /** 0 picks a free port; default DEV_DB_SOCKET_PORT */
  port?: number;
  maxConnections?: number;
  /** a socket client idle this long while it holds the database gives it back (ms) */
  idleReleaseMs?: number;
}

export interface DatabaseSocket {
  host: string;
  port: number;
  /** postgres:// URL for `pg` / psql */
  url: string;
  close(): Promise<void>;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': not inside a transaction block
const TERMINATE = 0x58; // 'X'

/**
 * Serves `pglite` on host:port. Socket clients and the process's own Kysely queries take the same
 * lock (pgliteLock), and a socket client keeps it from its first message until the server reports
 * ReadyForQuery outside a transaction, so neither side ever runs inside the other's transaction
 * or between the Parse and Sync of the other's extended query.
 */
export async function serveDatabaseSocket(
  pglite: PGlite,
  opts: DatabaseSocketOptions = {},
): Promise<DatabaseSocket> {
  const host = opts.host ?? '127.0.0.1';
  const idleReleaseMs = opts.idleReleaseMs ?? 5_000;
  const lock = pgliteLock(pglite);
  let release: (() => void) | null = null;
  let idle = true;
  let watchdog: NodeJS.Timeout | undefined;

  const giveBack = () => {
    clearTimeout(watchdog);
    watchdog = undefined;
    const r = release;
    release = null;
    r?.();
  };
  // a client that vanished mid-sequence must not hold the database forever
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (!release) return;
      if (pglite.isInTransaction()) {
        pglite.exec('rollback').then(giveBack, giveBack);
      } else giveBack();
    }, idleReleaseMs);
    watchdog.unref();
  };

  const guarded = new Proxy(pglite, {
    get(target, prop, receiver) {
      if (prop === 'runExclusive') {
        return async <T>(fn: () => Promise<T>): Promise<T> => {
          clearTimeout(watchdog);
          if (!release) release = await lock.lock();
          try {
            return await target.runExclusive(fn);
          } catch (err) {
            idle = !target.isInTransaction();
            throw err;
          } finally {
            if (idle) giveBack();
            else arm();
          }
        };
      }
      if (prop === 'execProtocolRawStream') {
        return async (message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }) => {
          let tail = new Uint8Array(0);
          const result = await target.execProtocolRawStream(message, {
            ...options,
            onRawData: (data: Uint8Array) => {
              const joined = new Uint8Array(tail.length + data.length);
              joined.set(tail);
              joined.set(data, tail.length);
              tail = joined.slice(-6);
              options.onRawData(data);
            },
          });
          // ReadyForQuery is always the last message of a completed exchange: 'Z', length 5, status.
          // Terminate gets no answer; the client is gone (an open transaction is rolled back via exec)
          idle =
            (message[0] === TERMINATE && !target.isInTransaction()) ||
            (tail.length === 6 &&
              tail[0] === READY_FOR_QUERY &&
              tail[1] === 0 &&
              tail[2] === 0 &&
              tail[3] === 0 &&
              tail[4] === 5 &&
              tail[5] === IDLE);
          return result;
        };
      }
      if (prop === 'exec') {
        // the socket library rolls back a disconnected client's transaction with exec()
        return async (query: string) => {
          const result = await target.exec(query);
          if (release && !target.isInTransaction()) giveBack();
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  const server = new PGLiteSocketServer({
    db: guarded,
    host,
    port: opts.port ?? DEV_DB_SOCKET_PORT,
    maxConnections: opts.maxConnections ?? 8,
  });
  const listening = new Promise<number>((resolve) => {
    server.addEventListener('listening', (e) => resolve((e as CustomEvent<{ port: number }>).detail.port), {
      once: true,
    });
  });
  await server.start();
  const port = await listening;
  return {
    host,
    port,
    url: `postgres://postgres@${host}:${port}/postgres`,
    close: async () => {
      await server.stop();
      if (release && pglite.isInTransaction()) await pglite.exec('rollback').catch(() => undefined);
      giveBack();
    },
  };
}

export interface LocalDatabaseOptions {
  /** DATABASE_URL; when set it is used as is */
  url?: string;
  /** DATA_DIR/db of the embedded default */
  pgliteDir: string;
  /** where a running all-in-one serves its PGlite */
  socketPort?: number;
}

export interface LocalDatabase {
  database: Database;
  /** human description of what was opened, for tool output */
  where: string;
}

/**
 * Opens the database a local tool should work on: DATABASE_URL when set; otherwise the PGlite of a
 * running all-in-one over its socket; otherwise DATA_DIR/db directly (nothing else may hold it
 * then). Null when there is no embedded database yet.
 */
export async function openLocalDatabase(opts: LocalDatabaseOptions): Promise<LocalDatabase | null> {
  if (opts.url)
    return { database: await openDatabase({ url: opts.url, poolSize: 1 }), where: redact(opts.url) };
  const port = opts.socketPort ?? DEV_DB_SOCKET_PORT;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  if (await answers(url)) {
    return {
      database: await openDatabase({ url, poolSize: 1 }),
      where: `the running all-in-one's PGlite (127.0.0.1:${port})`,
    };
  }
  if (!existsSync(opts.pgliteDir)) return null;
  return { database: await openDatabase({ dataDir: opts.pgliteDir }), where: `PGlite in ${opts.pgliteDir}` };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
