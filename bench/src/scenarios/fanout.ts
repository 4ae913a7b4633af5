/**
 * fanout: N sockets subscribed to one channel through the real Edge, messages POSTed through
 * the Edge; the ceiling runs first with the same sockets, rate and frame size for the ratios.
 */
import { profileReport } from '../lib/profile.ts';
import { machine, ratio, type BenchResult } from '../lib/report.ts';
import type { RunOptions } from './common.ts';
import { measureDelivery } from './delivery.ts';
import { profileDir } from './profiling.ts';

export async function fanout(o: RunOptions): Promise<BenchResult> {
  const p = {
    sockets: o.sockets ?? 1000,
    rate: o.rate ?? 100,
    durationS: o.durationS ?? 10,
    clients: o.clients ?? 2,
    window: o.window ?? 4,
  };
  const started_at = new Date().toISOString();
  const ceil = o.ceiling === false ? undefined : await measureDelivery('ceiling', { ...o, ...p });
  const prof = o.profile ? profileDir('fanout', o.outDir) : undefined;
  const sys = o.system === false ? undefined : await measureDelivery('system', { ...o, ...p }, prof);
  return {
    scenario: 'fanout',
    backend: o.backend,
    started_at,
    machine: machine(),
    params: p,
    system: sys,
    ceiling: ceil,
    ratios: ceil &&
      sys && {
        deliveries_per_s: ratio(sys.deliveries_per_s, ceil.deliveries_per_s),
        p50: ratio(sys.latency.p50_ms, ceil.latency.p50_ms),
        p99: ratio(sys.latency.p99_ms, ceil.latency.p99_ms),
        server_cpu: ratio(sys.processes.server?.cpu_pct, ceil.processes.server?.cpu_pct),
        server_rss: ratio(sys.processes.server?.rss_mib, ceil.processes.server?.rss_mib),
      },
    profile: profileReport(prof),
  };
}
