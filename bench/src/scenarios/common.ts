/** Options every scenario takes and the defaults each one fills in. */
import type { BackendName } from '../lib/backend.ts';
import { ClientPool, type PoolOptions } from '../lib/clients.ts';
import type { MachineCpu } from '../lib/proc.ts';
import { profileReport } from '../lib/profile.ts';
import { machine, type BenchResult } from '../lib/report.ts';
import { startTarget, type Target } from '../lib/targets.ts';
import { profileDir } from './profiling.ts';

export interface RunOptions {
  backend: BackendName;
  sockets?: number;
  /** messages per second, or 'max' for the closed loop */
  rate?: number | 'max';
  durationS?: number;
  /** load-generator child processes */
  clients?: number;
  /** closed-loop messages in flight */
  window?: number;
  /** HTTP connections (rest) */
  connections?: number;
  /** users the system's sockets are spread over (attention: users acking) */
  users?: number;
  /** messages seeded in the server before the load (attention) */
  messages?: number;
  /** also measure the ceiling in the same run (fanout, idle, storm, rest) */
  ceiling?: boolean;
  /** false: measure only the ceiling (the system part is skipped) */
  system?: boolean;
  /** rest: also the history page with reactions on every message against the page without */
  reactions?: boolean;
  /** run the server child under --cpu-prof and rank its hot functions */
  profile?: boolean;
  /** where the result JSON goes */
  outDir?: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Users for N sockets: one per 1,000 sockets, so presence and auth see more than one user. */
export const usersFor = (sockets: number, o: RunOptions) =>
  o.users ?? Math.min(20, Math.max(1, Math.ceil(sockets / 1000)));

/** Which process limited a run, judged from CPU (a Node process tops out near one core). */
export function bottleneck(procs: Record<string, { cpu_pct: number }>, machine?: MachineCpu): string {
  if (machine && machine.busy_pct >= machine.cores * 100 * 0.9)
    return `machine CPU saturated: ${machine.busy_pct}% of ${machine.cores * 100}% used, ${machine.others_pct}% by processes outside the benchmark — every process got only its share, figures are pessimistic`;
  const hot = Object.entries(procs)
    .filter(([, p]) => p.cpu_pct >= 85)
    .map(([n]) => n);
  if (hot.length === 0) return 'no process near one full core: latency/IO bound or under-offered';
  return `near one full core: ${hot.join(', ')}`;
}

/**
 * Starts a target (the bare ceiling or the system) and a client pool with its sockets
 * subscribed to the target's channel, runs `measure`, then stops both whatever happens.
 */
export async function withTargetPool<T>(
  kind: 'ceiling' | 'system',
  o: RunOptions & { sockets: number; clients: number },
  pool: Omit<PoolOptions, 'url' | 'sockets' | 'children' | 'tokens' | 'subscribe'>,
  measure: (target: Target, pool: ClientPool) => Promise<T>,
  cpuProfDir?: string,
): Promise<T> {
  const target = await startTarget(kind, { backend: o.backend, users: usersFor(o.sockets, o), cpuProfDir });
  let clients: ClientPool | undefined;
  try {
    clients = await ClientPool.start({
      ...pool,
      url: target.wsUrl,
      sockets: o.sockets,
      children: o.clients,
      tokens: target.tokens,
      subscribe: target.subscribe,
    });
    return await measure(target, clients);
  } finally {
    await clients?.close();
    await target.close();
  }
}

/**
 * The shape every ceiling-vs-system scenario reports: the ceiling measured first, then the
 * system (under --cpu-prof with --profile), their ratios, and the profile summary.
 */
export async function compareWithCeiling<P extends Record<string, unknown>, M>(
  scenario: string,
  o: RunOptions,
  params: P,
  measure: (kind: 'ceiling' | 'system', opts: RunOptions & P, cpuProfDir?: string) => Promise<M>,
  ratios: (system: M, ceiling: M) => Record<string, number | null>,
): Promise<BenchResult> {
  const started_at = new Date().toISOString();
  const ceiling = o.ceiling === false ? undefined : await measure('ceiling', { ...o, ...params });
  const prof = o.profile ? profileDir(scenario, o.outDir) : undefined;
  const system = o.system === false ? undefined : await measure('system', { ...o, ...params }, prof);
  return {
    scenario,
    backend: o.backend,
    started_at,
    machine: machine(),
    params,
    system,
    ceiling,
    ratios: ceiling && system && ratios(system, ceiling),
    profile: profileReport(prof),
  };
}
