/**
 * rest: message send (POST) and history read (GET limit 50) through the Edge with a valid
 * token, driven by autocannon from the harness process; the ceiling is node:http answering
 * bodies of the same shape and size.
 */
import autocannon from 'autocannon';
import { benchContent } from '../lib/frames.ts';
import { nowUs } from '../lib/histogram.ts';
import { ProcWatch, type MachineCpu } from '../lib/proc.ts';
import { ratio, type BenchResult } from '../lib/report.ts';
import { startTarget, type Target } from '../lib/targets.ts';
import { bottleneck, compareWithCeiling, type RunOptions } from './common.ts';

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

async function cannon(
  target: Target,
  kind: 'send' | 'history',
  o: { durationS: number; connections: number },
): Promise<HttpMeasure> {
  const path = `/api/channels/${target.channelId}/messages`;
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}` };
  const opts: autocannon.Options =
    kind === 'send'
      ? {
          url: `${target.base}${path}`,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ content: benchContent(1, nowUs()) }),
        }
      : { url: `${target.base}${path}?limit=50`, method: 'GET', headers };
  const watch = new ProcWatch({ server: target.child.pid, harness: process.pid });
  watch.begin();
  const r = await autocannon({ ...opts, connections: o.connections, duration: o.durationS });
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

async function measureRest(
  kind: 'ceiling' | 'system',
  o: RunOptions & { durationS: number; connections: number },
  cpuProfDir?: string,
) {
  const target = await startTarget(kind, { backend: o.backend, users: 1, cpuProfDir });
  try {
    // warm up and make sure history has a full page
    for (let i = 0; i < 60; i++) if (!(await target.send(i))) throw new Error(`POST through ${kind} failed`);
    await autocannon({
      url: `${target.base}/api/channels/${target.channelId}/messages?limit=50`,
      headers: { authorization: `Bearer ${target.token}` },
      connections: 4,
      amount: 200,
    });
    const send = await cannon(target, 'send', o);
    const history = await cannon(target, 'history', o);
    return { target: kind, send, history };
  } finally {
    await target.close();
  }
}

export async function rest(o: RunOptions): Promise<BenchResult> {
  const p = { durationS: o.durationS ?? 10, connections: o.connections ?? 32 };
  return compareWithCeiling('rest', o, p, measureRest, (sys, ceil) => ({
    send_req_per_s: ratio(sys.send.req_per_s, ceil.send.req_per_s),
    history_req_per_s: ratio(sys.history.req_per_s, ceil.history.req_per_s),
  }));
}
