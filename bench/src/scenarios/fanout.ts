/**
 * fanout: N sockets subscribed to one channel through the real Edge, messages POSTed through
 * the Edge; the ceiling runs first with the same sockets, rate and frame size for the ratios.
 */
import { ratio, type BenchResult } from '../lib/report.ts';
import { compareWithCeiling, type RunOptions } from './common.ts';
import { deliveryParams, measureDelivery } from './delivery.ts';

export async function fanout(o: RunOptions): Promise<BenchResult> {
  const p = deliveryParams(o);
  return compareWithCeiling('fanout', o, p, measureDelivery, (sys, ceil) => ({
    deliveries_per_s: ratio(sys.deliveries_per_s, ceil.deliveries_per_s),
    p50: ratio(sys.latency.p50_ms, ceil.latency.p50_ms),
    p99: ratio(sys.latency.p99_ms, ceil.latency.p99_ms),
    server_cpu: ratio(sys.processes.server?.cpu_pct, ceil.processes.server?.cpu_pct),
    server_rss: ratio(sys.processes.server?.rss_mib, ceil.processes.server?.rss_mib),
  }));
}
