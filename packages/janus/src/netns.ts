/**
 * Loopback-only media for tests and the bench, by construction: a network namespace of the
 * test's own (`unshare --net`, root only) in which loopback is the only network there is.
 *
 * Why a namespace and not just Janus' config: Janus 1.1 skips every IFF_LOOPBACK interface when
 * it gathers candidates (src/ice.c, "Skip loopback interfaces"), before `ice_enforce_list` is
 * looked at, so `ice_enforce_list = "lo"` (or "127.0.0.1") enforces nothing, no address reaches
 * libnice, and libnice then gathers on every non-loopback address of the host (eth0 and all).
 * Inside the namespace a veth pair (no link-local address) carries 127.0.0.1/32 as well as `lo`:
 * Janus, enforcing "127.0.0.1", gathers exactly that one address, and Chromium has nothing but
 * loopback to gather. Outside a namespace there is no Janus config that keeps media on loopback.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** Set in the environment of a process re-run inside the namespace. */
export const NETNS_ENV = 'TWOPOINTO_LOOPBACK_NETNS';
/** The non-loopback interface inside the namespace that carries 127.0.0.1 (for Janus). */
export const NETNS_VETH = 'tplo0';
/** What Janus enforces for ICE in the namespace: the loopback address on the veth. */
export const LOOPBACK_ENFORCE = '127.0.0.1';

const isLoopbackAddress = (a: string) => a.startsWith('127.') || a === '::1';

interface IpLink {
  ifname: string;
  flags: string[];
  addr_info?: { family: string; local: string }[];
}

/** This namespace's interfaces from `ip -j addr` (/sys/class/net shows the namespace sysfs was mounted in). */
function links(): IpLink[] {
  try {
    return JSON.parse(execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8' })) as IpLink[];
  } catch {
    return [];
  }
}

/**
 * The addresses Janus 1.1 would gather on with `enforce` as its `ice_enforce_list` (IPv4 only:
 * the generated config turns IPv6 off): non-loopback interfaces that are up and running, whose
 * name or address starts with an entry. Empty means libnice falls back to every host address.
 */
export function janusGatherAddresses(enforce: string): string[] {
  const entries = enforce
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const link of links()) {
    const f = new Set(link.flags);
    if (f.has('LOOPBACK') || !f.has('UP') || !f.has('LOWER_UP')) continue;
    for (const a of link.addr_info ?? []) {
      if (a.family !== 'inet') continue;
      if (entries.some((e) => link.ifname.startsWith(e) || a.local.startsWith(e))) out.push(a.local);
    }
  }
  return out;
}

/** True when Janus, enforcing `enforce`, gathers loopback addresses and nothing else. */
export function janusGathersOnlyLoopback(enforce: string): boolean {
  const gathered = janusGatherAddresses(enforce);
  return gathered.length > 0 && gathered.every(isLoopbackAddress);
}

/** Every address of every interface of this process' network namespace. */
export function hostAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .map((a) => a?.address ?? '')
    .filter(Boolean);
}

/**
 * Where this process stands: `inside` the namespace (re-run with NETNS_ENV, and every address
 * is loopback), `available` (root, and `unshare --net` works), or why not.
 */
export function loopbackNamespace(): { state: 'inside' | 'available' } | { state: 'none'; reason: string } {
  if (process.env[NETNS_ENV] === '1') {
    const foreign = hostAddresses().filter((a) => !isLoopbackAddress(a));
    if (foreign.length)
      return { state: 'none', reason: `${NETNS_ENV}=1 but this namespace has ${foreign.join(', ')}` };
    return { state: 'inside' };
  }
  if (process.getuid?.() !== 0) return { state: 'none', reason: 'not root: cannot make a network namespace' };
  if (!onPath('unshare') || !onPath('ip'))
    return { state: 'none', reason: 'unshare or ip (util-linux, iproute2) is missing' };
  return { state: 'available' };
}

function onPath(bin: string): boolean {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    try {
      if (readdirSync(dir).includes(bin)) return true;
    } catch {
      /* not a directory */
    }
  }
  return false;
}

/** The shell that sets the namespace up (lo up; a veth pair, no IPv6, 127.0.0.1/32 on one end). */
const SETUP = [
  'set -e',
  'ip link set lo up',
  `ip link add ${NETNS_VETH} type veth peer name ${NETNS_VETH}p`,
  `ip link set ${NETNS_VETH} addrgenmode none`,
  `ip link set ${NETNS_VETH}p addrgenmode none`,
  `ip addr add 127.0.0.1/32 dev ${NETNS_VETH}`,
  `ip link set ${NETNS_VETH}p up`,
  `ip link set ${NETNS_VETH} up`,
  'exec "$@"',
].join('\n');

/** The command line that runs `argv` in a fresh network namespace set up for loopback media. */
export function namespaceCommand(argv: readonly string[]): string[] {
  return ['unshare', '--net', '--', 'sh', '-c', SETUP, 'sh', ...argv];
}

/**
 * Runs `argv` inside a fresh namespace (output to this process' stdout/stderr), with NETNS_ENV
 * set; resolves with its exit code. The namespace goes away with the process.
 */
export function runInNamespace(
  argv: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const [cmd, ...args] = namespaceCommand(argv);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, [NETNS_ENV]: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
