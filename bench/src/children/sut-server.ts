/**
 * The system under test in its own process: `startAll` from @twopointo/all (Identity, Official
 * and Edge on ephemeral ports). Options arrive as JSON in argv[2]; the URLs go back over IPC.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql, type DB, type Kysely } from '@twopointo/db';
import { REPO_ROOT } from '../lib/proc.ts';

interface Started {
  edgeUrl: string;
  identityUrl: string;
  officialUrl: string;
  database: {
    db: Kysely<DB>;
    kind: 'postgres' | 'pglite';
    pglite?: { query(text: string, params?: unknown[], opts?: unknown): Promise<unknown> };
  };
  close(): Promise<void>;
}
type StartAll = (opts: {
  dataDir?: string;
  ports?: Record<string, number>;
  env?: Record<string, string>;
}) => Promise<Started>;

const opts = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string; env?: Record<string, string> };
// imported by path so the harness type-checks before services/all lands
const mod = (await import(pathToFileURL(`${REPO_ROOT}services/all/src/index.ts`).href)) as {
  startAll: StartAll;
};
const sys = await mod.startAll({
  dataDir: opts.dataDir,
  ports: { identity: 0, official: 0, edge: 0 },
  env: opts.env ?? {},
});

/**
 * Bench-only database access (attention scenario): statements run one after another on one
 * connection of the system's own database, without the pool's statement timeout — bulk seeding
 * and EXPLAIN, never during a measured window.
 */
async function runSql(statements: string[]): Promise<{ rows: unknown[]; ms: number[] }> {
  return sys.database.db.connection().execute(async (c) => {
    const ms: number[] = [];
    let rows: unknown[] = [];
    if (sys.database.kind === 'postgres') await sql.raw('SET statement_timeout = 0').execute(c);
    try {
      for (const text of statements) {
        const t = performance.now();
        rows = (await sql.raw(text).execute(c)).rows;
        ms.push(Math.round(performance.now() - t));
      }
    } finally {
      if (sys.database.kind === 'postgres') await sql.raw('RESET statement_timeout').execute(c);
    }
    return { rows, ms };
  });
}

/**
 * Records the SQL text and parameters of statements containing `marker` as the driver receives
 * them (pg.Client.query or PGlite.query), so the harness can EXPLAIN exactly what a route ran.
 */
const captured: { sql: string; params: unknown[] }[] = [];
let captureMarker: string | null = null;
function installCapture(): void {
  const record = (text: unknown, params: unknown) => {
    if (captureMarker && typeof text === 'string' && text.includes(captureMarker))
      captured.push({ sql: text, params: Array.isArray(params) ? (params as unknown[]) : [] });
  };
  if (sys.database.pglite) {
    const lite = sys.database.pglite;
    const query = lite.query.bind(lite);
    lite.query = (text, params, o) => {
      record(text, params);
      return query(text, params, o);
    };
  } else {
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const query = proto.query;
    proto.query = function (this: unknown, ...a: unknown[]) {
      record(a[0], a[1]);
      return query.apply(this, a);
    };
  }
}
let captureInstalled = false;

let closing = false;
process.on('message', (m: { type: string; id?: number; statements?: string[]; marker?: string }) => {
  if (m.type === 'sql') {
    runSql(m.statements ?? []).then(
      (r) => process.send!({ type: 'sql-done', id: m.id, ...r }),
      (err: unknown) => process.send!({ type: 'sql-done', id: m.id, error: String(err) }),
    );
  } else if (m.type === 'capture') {
    if (!captureInstalled) installCapture();
    captureInstalled = true;
    captureMarker = m.marker ?? null;
    process.send!({ type: 'captured', id: m.id, queries: captured.splice(0) });
  } else if (m.type === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: 'gc-done', memory: process.memoryUsage() });
  } else if (m.type === 'close' && !closing) {
    closing = true;
    // exit normally so --cpu-prof writes its profile
    setTimeout(() => process.exit(0), 8000).unref();
    sys.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  }
});
process.on('disconnect', () => {
  if (!closing) void sys.close().finally(() => process.exit(0));
});
process.send!({
  type: 'ready',
  edgeUrl: sys.edgeUrl,
  identityUrl: sys.identityUrl,
  officialUrl: sys.officialUrl,
});
