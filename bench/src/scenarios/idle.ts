/**
 * idle: server RSS per idle subscribed socket (after GC), the real system against a bare ws
 * server holding the same number of sockets.
 */
import { sampleProc } from '../lib/proc.ts';
import { machine, ratio, type BenchResult } from '../lib/report.ts';
import { sleep, withTargetPool, type RunOptions } from './common.ts';

export interface IdleMeasure {
  target: 'ceiling' | 'system';
  sockets_ready: number;
  sockets_failed: number;
  connect_errors: string[];
  rss_before_mib: number;
  rss_after_mib: number;
  rss_per_socket_kib: number;
  /** live V8 heap + external memory per socket after GC: the socket's own state, without retained pages */
  js_per_socket_kib: number;
  connect_s: number;
}

async function measureIdle(
  kind: 'ceiling' | 'system',
  o: RunOptions & { sockets: number; clients: number; settleMs: number },
): Promise<IdleMeasure> {
  return withTargetPool(kind, o, {}, async (target, pool) => {
    const heap0 = await target.gc();
    await sleep(500);
    const before = sampleProc(target.child.pid).rssBytes;
    const ready = await pool.connect();
    await sleep(o.settleMs);
    const heap1 = await target.gc();
    await sleep(500);
    const after = sampleProc(target.child.pid).rssBytes;
    const js = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
    const mib = (x: number) => Math.round((x / 1048576) * 10) / 10;
    return {
      target: kind,
      sockets_ready: ready.ready,
      sockets_failed: ready.failed,
      connect_errors: ready.errors,
      rss_before_mib: mib(before),
      rss_after_mib: mib(after),
      rss_per_socket_kib: ready.ready ? Math.round(((after - before) / ready.ready / 1024) * 100) / 100 : 0,
      js_per_socket_kib: ready.ready
        ? Math.round(((js(heap1) - js(heap0)) / ready.ready / 1024) * 100) / 100
        : 0,
      connect_s: Math.round((ready.lastReadyUs - ready.firstUs) / 1e4) / 100,
    };
  });
}

export async function idle(o: RunOptions): Promise<BenchResult> {
  const p = {
    sockets: o.sockets ?? 10_000,
    clients: o.clients ?? 2,
    settleMs: Math.round((o.durationS ?? 3) * 1000),
  };
  const started_at = new Date().toISOString();
  const ceil = o.ceiling === false ? undefined : await measureIdle('ceiling', { ...o, ...p });
  const sys = o.system === false ? undefined : await measureIdle('system', { ...o, ...p });
  return {
    scenario: 'idle',
    backend: o.backend,
    started_at,
    machine: machine(),
    params: p,
    system: sys,
    ceiling: ceil,
    ratios: ceil &&
      sys && {
        rss_per_socket: ratio(sys.rss_per_socket_kib, ceil.rss_per_socket_kib),
        js_per_socket: ratio(sys.js_per_socket_kib, ceil.js_per_socket_kib),
      },
  };
}
