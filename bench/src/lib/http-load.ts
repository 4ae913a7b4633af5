/** HTTP load through autocannon from the harness process, with the server child's cost over the same window. */
import autocannon from 'autocannon';
import { bottleneck } from '../scenarios/common.ts';
import { ProcWatch, type MachineCpu } from './proc.ts';

export interface HttpMeasure {
  req_per_s: number;
  requests: number;
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
  non2xx: number;
  errors: number;
  processes: Record<string, { cpu_pct: number; rss_mib: number; peak_rss_mib: number }>;
  machine_cpu: MachineCpu | undefined;
  bottleneck: string;
}

/** Runs one autocannon load against a target whose server process is `serverPid`. */
export async function httpLoad(serverPid: number, opts: autocannon.Options): Promise<HttpMeasure> {
  const watch = new ProcWatch({ server: serverPid, harness: process.pid });
  watch.begin();
  const r = await autocannon(opts);
  const processes = watch.end();
  return {
    req_per_s: Math.round(r.requests.average),
    requests: r.requests.total,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    p999_ms: r.latency.p99_9,
    non2xx: r.non2xx,
    errors: r.errors,
    processes,
    machine_cpu: watch.machine,
    bottleneck: bottleneck(processes, watch.machine),
  };
}
