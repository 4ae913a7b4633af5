/** What dev-up/dev-down ask the machine: listening sockets and their owners, Docker, commands. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import type { PortListener } from './processes.ts';

export interface CommandResult {
  ok: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
  /** the program is not installed */
  missing: boolean;
}

export function run(cmd: string, args: readonly string[], opts: SpawnSyncOptions = {}): CommandResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...opts });
  const err = r.error as NodeJS.ErrnoException | undefined;
  return {
    ok: r.status === 0 && !err,
    status: r.status,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    missing: err?.code === 'ENOENT',
  };
}

/** Runs with the terminal attached (compose progress, npm output); true on exit 0. */
export function runInherit(cmd: string, args: readonly string[], opts: SpawnSyncOptions = {}): boolean {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status === 0 && !r.error;
}

interface RawListener {
  port: number;
  pid?: number;
  name?: string;
}

/** `ss -ltnpH` lines → port, pid, program name. */
export function parseSs(output: string): RawListener[] {
  const out: RawListener[] = [];
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const local = cols[3]!;
    const port = Number(local.slice(local.lastIndexOf(':') + 1));
    if (!Number.isInteger(port)) continue;
    const users = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
    out.push(users ? { port, name: users[1]!, pid: Number(users[2]) } : { port });
  }
  return out;
}

/** /proc/net/tcp{,6} listening sockets → port and socket inode. */
export function parseProcNetTcp(text: string): { port: number; inode: string }[] {
  const out: { port: number; inode: string }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
    const port = parseInt(cols[1]!.split(':')[1]!, 16);
    out.push({ port, inode: cols[9]! });
  }
  return out;
}

/** The same from /proc/net/tcp{,6} and the fd links of /proc/<pid>, where ss is missing. */
export function procListeners(): RawListener[] {
  const sockets: { port: number; inode: string }[] = [];
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      sockets.push(...parseProcNetTcp(readFileSync(f, 'utf8')));
    } catch {
      /* no IPv6 */
    }
  }
  const byInode = new Map(sockets.map((s) => [s.inode, s.port]));
  const found: RawListener[] = [];
  const owned = new Set<string>();
  for (const pidDir of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pidDir}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pidDir}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      const port = inode === undefined ? undefined : byInode.get(inode);
      if (port === undefined) continue;
      owned.add(inode!);
      found.push({ port, pid: Number(pidDir), name: readProc(Number(pidDir), 'comm').trim() });
    }
  }
  for (const s of sockets) if (!owned.has(s.inode)) found.push({ port: s.port });
  return found;
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** Every listening TCP socket with its owner where we may see it (ss first, /proc otherwise). */
export function listListeners(): RawListener[] {
  const ss = run('ss', ['-ltnpH']);
  if (ss.ok) return parseSs(ss.stdout);
  return procListeners();
}

/** Listeners on the given ports with their command lines and working directories. */
export function listenersOn(ports: readonly number[]): PortListener[] {
  return listListeners()
    .filter((l): l is RawListener & { pid: number } => ports.includes(l.port) && l.pid !== undefined)
    .map((l) => {
      let cwd: string | undefined;
      try {
        cwd = readlinkSync(`/proc/${l.pid}/cwd`);
      } catch {
        cwd = undefined;
      }
      return {
        pid: l.pid,
        port: l.port,
        cmdline: readProc(l.pid, 'cmdline').split('\0').filter(Boolean).join(' '),
        cwd,
      };
    });
}

/** True when nothing answers or listens on the port (bound on all interfaces, like Docker publishes). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when something accepts TCP connections on host:port. */
export function answers(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  stepMs = 250,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Ends a process: SIGTERM, then SIGKILL when it is still there after graceMs. */
export async function terminate(pid: number, graceMs = 3_000): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitFor(async () => !alive(), graceMs, 100)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

// ── Docker ───────────────────────────────────────────────────────────────────

export const COMPOSE_PROJECT = 'twopointo';

export function dockerInstalled(): boolean {
  return !run('docker', ['--version']).missing;
}

export function dockerContext(): string | undefined {
  const r = run('docker', ['context', 'show']);
  return r.ok ? r.stdout.trim() : undefined;
}

/** A Docker engine answers (the CLI alone is not enough). */
export function dockerEngineAnswers(): boolean {
  return run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 }).ok;
}

/** Containers publishing a host port: name and compose project. */
export function containerPublishing(port: number): { name: string; project: string } | undefined {
  const r = run('docker', [
    'ps',
    '--filter',
    `publish=${port}`,
    '--format',
    '{{.Names}}\t{{.Label "com.docker.compose.project"}}',
  ]);
  if (!r.ok) return undefined;
  const [name, project] = (r.stdout.split('\n')[0] ?? '').split('\t');
  return name ? { name, project: project ?? '' } : undefined;
}
