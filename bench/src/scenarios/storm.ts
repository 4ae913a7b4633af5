/** storm: N clients connect at once, get HELLO, SUBSCRIBE, get SUBSCRIBED; time until all are ready. */
import { ProcWatch, type MachineCpu } from '../lib/proc.ts';
import { ratio, type BenchResult } from '../lib/report.ts';
import { bottleneck, compareWithCeiling, withTargetPool, type RunOptions } from './common.ts';

export interface StormMeasure {
  target: 'ceiling' | 'system';
  sockets_ready: number;
  sockets_failed: number;
  connect_errors: string[];
  close_codes: Record<string, number>;
  /** first connect → last SUBSCRIBED; null when none became ready */
  all_ready_s: number | null;
  ready_per_s: number;
  processes: Record<string, { cpu_pct: number; rss_mib: number; peak_rss_mib: number }>;
  machine_cpu: MachineCpu | undefined;
  bottleneck: string;
}

async function measureStorm(
  kind: 'ceiling' | 'system',
  o: RunOptions & { sockets: number; clients: number; timeoutS: number },
  cpuProfDir?: string,
): Promise<StormMeasure> {
  return withTargetPool(
    kind,
    o,
    { concurrency: 0, timeoutMs: o.timeoutS * 1000 },
    async (target, pool) => {
      const watch = new ProcWatch({ server: target.child.pid, ...pool.pids });
      watch.begin();
      const r = await pool.connect();
      const processes = watch.end();
      const secs = r.ready ? (r.lastReadyUs - r.firstUs) / 1e6 : 0;
      return {
        target: kind,
        sockets_ready: r.ready,
        sockets_failed: r.failed,
        connect_errors: r.errors,
        close_codes: r.closeCodes,
        all_ready_s: r.ready ? Math.round(secs * 1000) / 1000 : null,
        ready_per_s: secs > 0 ? Math.round(r.ready / secs) : 0,
        processes,
        machine_cpu: watch.machine,
        bottleneck: bottleneck(processes, watch.machine),
      };
    },
    cpuProfDir,
  );
}

export async function storm(o: RunOptions): Promise<BenchResult> {
  // --duration is not a storm knob: every socket gets 60 s to become ready
  const p = { sockets: o.sockets ?? 10_000, clients: o.clients ?? 2, timeoutS: 60 };
  return compareWithCeiling('storm', o, p, measureStorm, (sys, ceil) => ({
    all_ready_s: ratio(sys.all_ready_s, ceil.all_ready_s),
    ready_per_s: ratio(sys.ready_per_s, ceil.ready_per_s),
  }));
}
