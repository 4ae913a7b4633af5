/** ceiling: the bare ws server's deliveries/s and latency for N sockets at a rate. */
import type { BenchResult } from '../lib/report.ts';
import { machine } from '../lib/report.ts';
import type { RunOptions } from './common.ts';
import { measureDelivery } from './delivery.ts';

export async function ceiling(o: RunOptions): Promise<BenchResult> {
  const p = {
    sockets: o.sockets ?? 1000,
    rate: o.rate ?? 100,
    durationS: o.durationS ?? 10,
    clients: o.clients ?? 2,
    window: o.window ?? 4,
  };
  const started_at = new Date().toISOString();
  const m = await measureDelivery('ceiling', { ...o, ...p });
  return { scenario: 'ceiling', backend: o.backend, started_at, machine: machine(), params: p, ceiling: m };
}
