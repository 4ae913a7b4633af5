/** ceiling: the bare ws server's deliveries/s and latency for N sockets at a rate. */
import type { BenchResult } from '../lib/report.ts';
import { machine } from '../lib/report.ts';
import type { RunOptions } from './common.ts';
import { deliveryParams, measureDelivery } from './delivery.ts';

export async function ceiling(o: RunOptions): Promise<BenchResult> {
  const p = deliveryParams(o);
  const started_at = new Date().toISOString();
  const m = await measureDelivery('ceiling', { ...o, ...p });
  return { scenario: 'ceiling', backend: o.backend, started_at, machine: machine(), params: p, ceiling: m };
}
