/**
 * The outbox relay: publishes committed outbox rows to the bus in order, then marks them sent.
 * One relay at a time holds the advisory lock, so events keep their commit order even with
 * several Official instances; JetStream drops a re-publish of the same event id.
 */
import { sql, type Database, type DB, type Kysely } from '@twopointo/db';
import type { BusRecord, EventBus } from './types.ts';

export interface RelayLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxRelayOptions {
  database: Database;
  bus: EventBus;
  logger?: RelayLogger;
  /** fallback poll interval; kick() publishes at once after a commit */
  intervalMs?: number;
  batchSize?: number;
}

const RELAY_LOCK = 727275;

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failures = 0;
  /** the last pass found another relay holding the lock */
  private lockedOut = false;

  constructor(private readonly opts: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a publish pass now (called after each committing write). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // after the current event-loop turn, so one pass covers every commit of that turn
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.loop())
      .finally(() => (this.running = undefined));
  }

  /** Publishes everything pending; rejects if the bus refuses. For shutdown and tests. */
  async flush(): Promise<void> {
    await this.running;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if ((await this.publishBatch()) > 0) continue;
      // another relay is mid-batch: wait for it, it may leave rows behind for us
      if (!this.lockedOut || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    // a commit that kicked during the last pass is published now, not at the next start
    try {
      while ((await this.publishBatch()) > 0) {
        /* until nothing is pending (or another relay holds the lock: it publishes them) */
      }
    } catch {
      /* the bus or the database is away: whichever relay starts next publishes them */
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.kick(), ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        while ((await this.publishBatch()) === (this.opts.batchSize ?? 256)) {
          /* a full batch: there may be more */
        }
      } while (this.again && !this.stopped);
      this.failures = 0;
      // locked out by another relay that may have selected before our commit: look again soon
      // instead of leaving our rows waiting for the slow poll
      const interval = this.opts.intervalMs ?? 1000;
      this.schedule(this.lockedOut ? Math.min(interval, 50) : interval);
    } catch (err) {
      this.failures++;
      if (this.failures === 1 || this.failures % 30 === 0) {
        this.opts.logger?.warn(
          { err: String(err), failures: this.failures },
          'outbox relay cannot publish; will retry',
        );
      }
      this.schedule(Math.min(5000, 100 * 2 ** Math.min(this.failures, 6)));
    }
  }

  /** One locked pass; returns how many rows it published (0 if another relay holds the lock). */
  private async publishBatch(): Promise<number> {
    const { db, kind } = this.opts.database;
    const limit = this.opts.batchSize ?? 256;
    if (kind === 'pglite' && this.opts.bus.kind === 'memory') return this.publishInProcess(db, limit);
    return db.transaction().execute(async (trx) => {
      // PGlite is one process's private database: this relay is its only one, no lock to take
      if (kind !== 'pglite') {
        const lock = await sql<{
          ok: boolean;
        }>`select pg_try_advisory_xact_lock(${RELAY_LOCK}) as ok`.execute(trx);
        this.lockedOut = !lock.rows[0]?.ok;
        if (this.lockedOut) return 0;
      }
      // select and mark in one statement; rolled back with the transaction if the bus refuses
      const rows = bySeq(await markPending(trx, limit));
      // pipelined on one connection: the bus stores them in this order
      await Promise.all(rows.map((r) => this.opts.bus.publish(JSON.parse(r.payload) as BusRecord)));
      return rows.length;
    });
  }

  /**
   * The in-process bus (embedded default, one relay per database): mark and publish without a
   * transaction, one statement per pass instead of three. The bus lives and dies with this
   * process, so a crash between marking and publishing loses nothing a client could still
   * receive (after a restart every gateway session is new and clients refetch); a refused
   * publish (bus closed) unmarks the rows for the next pass.
   */
  private async publishInProcess(db: Kysely<DB>, limit: number): Promise<number> {
    const rows = bySeq(await markPending(db, limit));
    for (let i = 0; i < rows.length; i++) {
      try {
        await this.opts.bus.publish(JSON.parse(rows[i]!.payload) as BusRecord);
      } catch (err) {
        const unsent = rows.slice(i).map((r) => r.seq);
        await db.updateTable('outbox').set({ published_at: null }).where('seq', 'in', unsent).execute();
        throw err;
      }
    }
    return rows.length;
  }
}

type PendingRow = { seq: string; payload: string };

/** Selects and marks up to `limit` unpublished rows in one statement. */
async function markPending(db: Kysely<DB>, limit: number): Promise<PendingRow[]> {
  const marked = await sql<PendingRow>`
    update outbox set published_at = now()
    where seq in (select seq from outbox where published_at is null order by seq limit ${limit})
    returning seq, payload`.execute(db);
  return marked.rows;
}

/** RETURNING has no order; the bus must get rows in seq order. */
const bySeq = (rows: PendingRow[]) => rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));

/** The outbox row of an event, for a caller that inserts it in its own statement (e.g. a CTE). */
export const outboxRow = (record: BusRecord) => ({ event_id: record.id, payload: JSON.stringify(record) });

/** Adds an event to the outbox inside the caller's transaction. */
export async function enqueueEvent(trx: Kysely<DB>, record: BusRecord): Promise<void> {
  await trx.insertInto('outbox').values(outboxRow(record)).execute();
}
