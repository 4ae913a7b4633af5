/** The load generator seen from the harness: N sockets spread over K `ws-clients` children. */
import { Histogram, type HistogramData } from './histogram.ts';
import { startChild, stopChild, type Child } from './proc.ts';

export interface PoolOptions {
  url: string;
  sockets: number;
  children: number;
  tokens?: string[];
  subscribe?: { server_id: string; channel_ids: string[] };
  concurrency?: number;
  heartbeatMs?: number;
  track?: boolean;
  timeoutMs?: number;
}

export interface ReadyReport {
  ready: number;
  failed: number;
  firstUs: number;
  lastReadyUs: number;
  errors: string[];
  closeCodes: Record<string, number>;
}

export interface DeliveryReport {
  delivered: number;
  hist: Histogram;
  open: number;
  closeCodes: Record<string, number>;
  errors: string[];
  frameBytes: number;
}

export class ClientPool {
  readonly children: Child[] = [];
  private doneCounts = new Map<number, number>();
  private doneListeners: ((seq: number) => void)[] = [];

  private constructor(private readonly opts: PoolOptions) {}

  /** Starts the children (no sockets yet). */
  static async start(opts: PoolOptions): Promise<ClientPool> {
    const pool = new ClientPool(opts);
    const k = Math.max(1, Math.min(opts.children, opts.sockets));
    for (let i = 0; i < k; i++) pool.children.push(startChild('ws-clients'));
    await Promise.all(pool.children.map((c) => c.next((m) => m.type === 'started', 30_000, 'start')));
    for (const c of pool.children) {
      c.proc.on('message', (m: { type: string; seq?: number }) => {
        if (m.type !== 'done' || m.seq === undefined) return;
        const n = (pool.doneCounts.get(m.seq) ?? 0) + 1;
        if (n >= pool.children.length) {
          pool.doneCounts.delete(m.seq);
          for (const l of pool.doneListeners) l(m.seq);
        } else pool.doneCounts.set(m.seq, n);
      });
    }
    return pool;
  }

  get pids(): Record<string, number> {
    return Object.fromEntries(this.children.map((c, i) => [`client${i}`, c.pid]));
  }

  /** Opens every socket (all at once when concurrency is 0) and waits until each is ready or failed. */
  async connect(): Promise<ReadyReport> {
    const { sockets, children: _k, ...rest } = this.opts;
    const k = this.children.length;
    const timeoutMs = this.opts.timeoutMs ?? 60_000;
    this.children.forEach((c, i) => {
      const count = Math.floor(sockets / k) + (i < sockets % k ? 1 : 0);
      c.send({
        type: 'connect',
        url: rest.url,
        count,
        tokens: rest.tokens ?? [],
        subscribe: rest.subscribe,
        concurrency: rest.concurrency ?? 200,
        heartbeatMs: rest.heartbeatMs ?? 15_000,
        track: rest.track ?? false,
        timeoutMs,
      });
    });
    // each socket has timeoutMs; lanes open them a few hundred at a time, so allow for queueing
    const overallMs = timeoutMs + 30_000 + sockets * 20;
    const reports = await Promise.all(
      this.children.map((c) => c.next<ReadyReport>((m) => m.type === 'ready', overallMs, 'sockets ready')),
    );
    const closeCodes: Record<string, number> = {};
    for (const r of reports)
      for (const [code, n] of Object.entries(r.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
    return {
      ready: reports.reduce((a, r) => a + r.ready, 0),
      failed: reports.reduce((a, r) => a + r.failed, 0),
      firstUs: Math.min(...reports.map((r) => r.firstUs)),
      lastReadyUs: Math.max(...reports.map((r) => r.lastReadyUs)),
      errors: [...new Set(reports.flatMap((r) => r.errors))].slice(0, 5),
      closeCodes,
    };
  }

  /** Calls back once every child has seen seq on all its ready sockets. */
  onDone(listener: (seq: number) => void): void {
    this.doneListeners.push(listener);
  }

  measure(): void {
    for (const c of this.children) c.send({ type: 'measure' });
  }

  async report(): Promise<DeliveryReport> {
    for (const c of this.children) c.send({ type: 'report' });
    const reps = await Promise.all(
      this.children.map((c) =>
        c.next<{
          delivered: number;
          hist: HistogramData;
          open: number;
          closeCodes: Record<string, number>;
          errors: string[];
          frameBytes: number;
        }>((m) => m.type === 'report', 30_000, 'report'),
      ),
    );
    const hist = new Histogram();
    const closeCodes: Record<string, number> = {};
    for (const r of reps) {
      hist.merge(r.hist);
      for (const [code, n] of Object.entries(r.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + n;
    }
    return {
      delivered: reps.reduce((a, r) => a + r.delivered, 0),
      hist,
      open: reps.reduce((a, r) => a + r.open, 0),
      closeCodes,
      errors: [...new Set(reps.flatMap((r) => r.errors))].slice(0, 5),
      frameBytes: Math.max(...reps.map((r) => r.frameBytes)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((c) => stopChild(c, 5000)));
  }
}
