/**
 * Shared by `ceiling` and `fanout`: N subscribed sockets, numbered messages emitted at a rate
 * (or closed loop), deliveries/s and send→receipt latency, CPU and RSS of every process.
 */
import { drive } from '../lib/drive.ts';
import { ProcWatch, type MachineCpu } from '../lib/proc.ts';
import { bottleneck, sleep, withTargetPool, type RunOptions } from './common.ts';

export interface DeliveryMeasure {
  target: 'ceiling' | 'system';
  sockets_ready: number;
  sockets_failed: number;
  connect_errors: string[];
  sent: number;
  send_errors: number;
  completed: number;
  delivered: number;
  expected: number;
  delivery_ratio: number;
  elapsed_s: number;
  deliveries_per_s: number;
  messages_per_s: number;
  latency: ReturnType<import('../lib/histogram.ts').Histogram['summary']>;
  send_latency: ReturnType<import('../lib/histogram.ts').Histogram['summary']>;
  frame_bytes: number;
  close_codes: Record<string, number>;
  processes: Record<string, { cpu_pct: number; rss_mib: number; peak_rss_mib: number }>;
  machine_cpu: MachineCpu | undefined;
  bottleneck: string;
}

/** The delivery parameters of a run (ceiling and fanout), defaults filled in. */
export function deliveryParams(o: RunOptions) {
  return {
    sockets: o.sockets ?? 1000,
    rate: o.rate ?? 100,
    durationS: o.durationS ?? 10,
    clients: o.clients ?? 2,
    window: o.window ?? 4,
  };
}

export async function measureDelivery(
  kind: 'ceiling' | 'system',
  o: Required<Pick<RunOptions, 'sockets' | 'rate' | 'durationS' | 'clients' | 'window'>> & RunOptions,
  cpuProfDir?: string,
): Promise<DeliveryMeasure> {
  return withTargetPool(
    kind,
    o,
    { track: true },
    async (target, pool) => {
      const ready = await pool.connect();
      if (ready.ready === 0) throw new Error(`no socket became ready: ${ready.errors.join('; ')}`);
      // warm the JIT and the connections before anything counts (smoke runs skip it)
      if (o.durationS >= 2)
        await drive(target, pool, 1, {
          rate: 'max',
          durationS: 1,
          window: 2,
          maxMessages: 20,
          drainMs: 3000,
        });
      await sleep(200);
      pool.measure();
      const watch = new ProcWatch({ server: target.child.pid, ...pool.pids, harness: process.pid });
      watch.begin();
      const maxMessages = o.rate === 'max' ? 1_000_000 : Math.ceil(o.rate * o.durationS) + 1;
      const d = await drive(target, pool, 1000, {
        rate: o.rate,
        durationS: o.durationS,
        window: o.window,
        maxMessages,
        drainMs: 10_000,
      });
      const processes = watch.end();
      const rep = await pool.report();
      const expected = d.sent * ready.ready;
      return {
        target: kind,
        sockets_ready: ready.ready,
        sockets_failed: ready.failed,
        connect_errors: ready.errors,
        sent: d.sent,
        send_errors: d.send_errors,
        completed: d.completed,
        delivered: rep.delivered,
        expected,
        delivery_ratio: expected ? Math.round((rep.delivered / expected) * 10000) / 10000 : 0,
        elapsed_s: Math.round(d.elapsed_s * 1000) / 1000,
        deliveries_per_s: Math.round(rep.delivered / d.elapsed_s),
        messages_per_s: Math.round((d.completed / d.elapsed_s) * 10) / 10,
        latency: rep.hist.summary(),
        send_latency: d.send_latency,
        frame_bytes: rep.frameBytes,
        close_codes: rep.closeCodes,
        processes,
        machine_cpu: watch.machine,
        bottleneck: bottleneck(processes, watch.machine),
      };
    },
    cpuProfDir,
  );
}
