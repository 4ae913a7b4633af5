/** Child processes of the harness and what the kernel says they cost (CPU ticks, RSS). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export const BENCH_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLK_TCK = 100; // USER_HZ on Linux

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** next IPC message matching pred */
  next<T = Msg>(pred: (m: Msg) => boolean, timeoutMs?: number, what?: string): Promise<T>;
  send(m: Msg): void;
  /** resolves with the exit code */
  exited: Promise<number | null>;
  stderrTail(): string;
}
export type Msg = { type: string; [k: string]: unknown };

/** Starts `bench/src/children/<name>.ts` under tsx with an IPC channel. */
export function startChild(
  name: string,
  opts: { env?: Record<string, string>; nodeArgs?: string[]; args?: string[] } = {},
): Child {
  const script = `${BENCH_ROOT}src/children/${name}.ts`;
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', ...(opts.nodeArgs ?? []), script, ...(opts.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-8000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(b);
  });
  const inbox: Msg[] = [];
  const waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  proc.on('message', (m: Msg) => {
    const i = waiters.findIndex((w) => w.pred(m));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
    else inbox.push(m);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    pid: proc.pid!,
    exited,
    stderrTail: () => stderr,
    send: (m) => {
      if (proc.connected) proc.send(m);
    },
    next: <T>(pred: (m: Msg) => boolean, timeoutMs = 60_000, what = 'a message') =>
      new Promise<T>((resolve, reject) => {
        const i = inbox.findIndex(pred);
        if (i >= 0) return resolve(inbox.splice(i, 1)[0] as T);
        const timer = setTimeout(() => {
          reject(
            new Error(
              `child ${name} (pid ${proc.pid}): timed out after ${timeoutMs} ms waiting for ${what}\n${stderr.slice(-2000)}`,
            ),
          );
        }, timeoutMs);
        const onExit = (code: number | null) => {
          clearTimeout(timer);
          reject(
            new Error(`child ${name} exited (${code}) while waiting for ${what}\n${stderr.slice(-3000)}`),
          );
        };
        proc.once('exit', onExit);
        waiters.push({
          pred,
          resolve: (m) => {
            clearTimeout(timer);
            proc.off('exit', onExit);
            resolve(m as T);
          },
        });
      }),
  };
}

/** Asks a child to stop, then kills it (by its own pid) if it does not. */
export async function stopChild(c: Child, graceMs = 10_000): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.send({ type: 'close' });
  const t = setTimeout(() => c.proc.kill('SIGKILL'), graceMs);
  await c.exited;
  clearTimeout(t);
}

export interface ProcSample {
  /** user+system CPU seconds so far */
  cpuS: number;
  rssBytes: number;
  atMs: number;
}

/** CPU and RSS of a process from /proc (works for any pid, unlike process.cpuUsage). */
export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name may hold spaces: fields start after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuS: (utime + stime) / CLK_TCK, rssBytes: rssKb * 1024, atMs: performance.now() };
}

/** CPU use between two samples as a percentage of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  const dt = (b.atMs - a.atMs) / 1000;
  return dt > 0 ? Math.round(((b.cpuS - a.cpuS) / dt) * 1000) / 10 : 0;
}

/** Busy and total jiffies of the whole machine (all cores) from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

export interface MachineCpu {
  /** CPU used on the whole machine, % of one core (200 = both cores of a 2-core box) */
  busy_pct: number;
  /** of that, what processes outside the benchmark used */
  others_pct: number;
  cores: number;
}

/** Tracks a set of processes over a measurement window, with peak RSS sampled every 250 ms. */
export class ProcWatch {
  private start = new Map<number, ProcSample>();
  private peak = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private machine0 = { busy: 0, total: 0 };
  private startedAt = 0;
  /** set by end(): the whole machine over the same window */
  machine: MachineCpu | undefined;
  constructor(private readonly pids: Record<string, number>) {}

  begin(): void {
    this.machine0 = machineJiffies();
    this.startedAt = performance.now();
    for (const pid of Object.values(this.pids)) {
      const s = sampleProc(pid);
      this.start.set(pid, s);
      this.peak.set(pid, s.rssBytes);
    }
    this.timer = setInterval(() => {
      for (const pid of Object.values(this.pids)) {
        try {
          const s = sampleProc(pid);
          if (s.rssBytes > (this.peak.get(pid) ?? 0)) this.peak.set(pid, s.rssBytes);
        } catch {
          /* exited */
        }
      }
    }, 250);
  }

  /** Per process: CPU % of one core over the window, RSS now and peak (MiB). */
  end(): Record<string, { cpu_pct: number; rss_mib: number; peak_rss_mib: number }> {
    clearInterval(this.timer);
    const out: Record<string, { cpu_pct: number; rss_mib: number; peak_rss_mib: number }> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const a = this.start.get(pid)!;
      const b = sampleProc(pid);
      const mib = (x: number) => Math.round((x / 1048576) * 10) / 10;
      out[name] = {
        cpu_pct: cpuPercent(a, b),
        rss_mib: mib(b.rssBytes),
        peak_rss_mib: mib(Math.max(b.rssBytes, this.peak.get(pid) ?? 0)),
      };
    }
    const m1 = machineJiffies();
    const dtS = (performance.now() - this.startedAt) / 1000;
    const busy = dtS > 0 ? Math.round(((m1.busy - this.machine0.busy) / CLK_TCK / dtS) * 1000) / 10 : 0;
    const ours = Object.values(out).reduce((acc, p) => acc + p.cpu_pct, 0);
    this.machine = {
      busy_pct: busy,
      others_pct: Math.max(0, Math.round((busy - ours) * 10) / 10),
      cores: availableParallelism(),
    };
    return out;
  }
}

/** The soft/hard open-file limits of this process (children inherit them). */
export function fdLimits(): { soft: number | null; hard: number | null } {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const m = line && /Max open files\s+(\S+)\s+(\S+)/.exec(line);
    const n = (s: string | undefined) => (s === undefined || s === 'unlimited' ? null : Number(s));
    return { soft: n(m?.[1]), hard: n(m?.[2]) };
  } catch {
    return { soft: null, hard: null };
  }
}
