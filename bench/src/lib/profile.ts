/** Reads a V8 .cpuprofile and ranks functions by self time (what `node --cpu-prof` wrote). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './proc.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  function: string;
  location: string;
  self_ms: number;
  /** % of the busy (non-idle) samples */
  self_pct: number;
}

/** Where a function lives, coarsely: a package, one of our source files, node internals, native or wasm. */
function moduleOf(fn: string, url: string): string {
  if (url.startsWith('wasm://')) return 'wasm (PGlite)';
  if (!url) return fn.startsWith('(') ? fn : 'native (syscalls, V8 builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(`file://${REPO_ROOT}`, '');
}

/** Self time summed per module (package or source file), busiest first. */
export function selfTimeByModule(
  file: string,
  top = 12,
): { module: string; self_ms: number; self_pct: number }[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const acc = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const cf = byId.get(id)?.callFrame;
    if (!cf || cf.functionName === '(idle)') return;
    const dt = p.timeDeltas[i] ?? 0;
    const m = moduleOf(cf.functionName, cf.url);
    acc.set(m, (acc.get(m) ?? 0) + dt);
    total += dt;
  });
  return [...acc.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, us]) => ({
      module,
      self_ms: Math.round(us / 1000),
      self_pct: Math.round((us / total) * 1000) / 10,
    }));
}

export function topSelfTime(file: string, top = 15): Hotspot[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const cf = node.callFrame;
    const where = cf.url
      ? `${cf.url.replace(`file://${REPO_ROOT}`, '').replace(/^.*node_modules\//, 'node_modules/')}:${cf.lineNumber + 1}`
      : '';
    // idle time is not work: percentages are of busy time
    if (cf.functionName === '(idle)') return;
    const key = `${cf.functionName || '(anonymous)'}\t${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => {
      const [fn, loc] = k.split('\t');
      return {
        function: fn!,
        location: loc!,
        self_ms: Math.round(us / 1000),
        self_pct: Math.round((us / total) * 1000) / 10,
      };
    });
}

/**
 * The main thread's .cpuprofile in dir: the server child writes one per thread when it exits
 * (tsx's loader hooks run in a worker), and the main thread's is by far the largest.
 */
export function newestProfile(dir: string): string | null {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size);
    return files[0] ?? null;
  } catch {
    return null;
  }
}

/** The `profile` block of a result: the newest profile in dir, summarised (undefined when not profiled). */
export function profileReport(dir: string | undefined):
  | {
      file: string;
      top_self_time: ReturnType<typeof topSelfTime>;
      by_module: ReturnType<typeof selfTimeByModule>;
    }
  | undefined {
  const hot = dir ? newestProfile(dir) : null;
  return hot ? { file: hot, top_self_time: topSelfTime(hot), by_module: selfTimeByModule(hot) } : undefined;
}
