/** Which leftover processes `--force` may end: only this checkout's own services and Vite. Pure. */

/** The app ports `--force` clears: Identity, Official, Edge, Vite. */
export const APP_PORTS: readonly number[] = [8081, 8080, 60420, 5173];

export interface PortListener {
  pid: number;
  port: number;
  /** full command line, arguments joined by spaces */
  cmdline: string;
  /** the process's working directory, when readable */
  cwd?: string;
}

export interface KillPlan {
  kill: PortListener[];
  skip: PortListener[];
}

// what our processes run, one argument each: the service entries (tsx or node), their bundles
// (the all-in-one included) and Vite
const OUR_ENTRY = [
  /^(?:.*\/)?services\/(?:identity|official|edge|all)\/src\/main\.ts$/,
  /^(?:.*\/)?bin\/(?:identity|official|edge|all)\.mjs$/,
  /^(?:.*\/)?node_modules\/(?:\.bin\/vite|vite\/bin\/vite\.js)$/,
];

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/**
 * True when the process runs one of our entries from the checkout at `repoRoot`: named by an
 * absolute path inside it, or by a relative path from a working directory inside it.
 */
export function isOurProcess(l: PortListener, repoRoot: string): boolean {
  const root = repoRoot.replace(/\/+$/, '');
  const entries = l.cmdline.split(/\s+/).filter((arg) => OUR_ENTRY.some((re) => re.test(arg)));
  return entries.some((arg) =>
    arg.startsWith('/') ? within(arg, root) : l.cwd !== undefined && within(l.cwd, root),
  );
}

/** Splits the listeners on our ports into ours (to end) and anything else (left alone, named). */
export function planKills(
  listeners: readonly PortListener[],
  repoRoot: string,
  ports: readonly number[] = APP_PORTS,
): KillPlan {
  const seen = new Set<string>();
  const plan: KillPlan = { kill: [], skip: [] };
  for (const l of listeners) {
    if (!ports.includes(l.port)) continue;
    const key = `${l.pid}:${l.port}`;
    if (seen.has(key)) continue; // IPv4 and IPv6 sockets of one process
    seen.add(key);
    (isOurProcess(l, repoRoot) ? plan.kill : plan.skip).push(l);
  }
  return plan;
}

function shortCmd(cmdline: string): string {
  return cmdline.length > 100 ? `${cmdline.slice(0, 97)}...` : cmdline;
}

export function formatKill(l: PortListener): string {
  return `[force] Port ${l.port}: stopping pid ${l.pid} (${shortCmd(l.cmdline)})`;
}

export function formatSkip(l: PortListener): string {
  return `[warn] Port ${l.port}: held by pid ${l.pid} (${shortCmd(l.cmdline)}) — not a twopointo process, skipped`;
}
