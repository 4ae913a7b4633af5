/** Reads a V8 .cpuprofile and ranks functions by self time (what `node --cpu-prof` wrote). */
import { readdirSync, readFileSync } from 'node:fs';
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
  self_pct: number;
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

/** The newest .cpuprofile in dir (the server child writes one when it exits). */
export function newestProfile(dir: string): string | null {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort();
    return files.length ? join(dir, files[files.length - 1]!) : null;
  } catch {
    return null;
  }
}
