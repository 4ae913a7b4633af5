/** Shared by dev-up and dev-down: paths, argument parsing, the Docker context check, --force. */
import { fileURLToPath } from 'node:url';
import { APP_PORTS, formatKill, formatSkip, planKills } from './processes.ts';
import { dockerContext, dockerInstalled, listenersOn, run, terminate } from './system.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const COMPOSE_FILE = `${REPO_ROOT}/infra/docker-compose.yml`;
export const APPS_COMPOSE_FILE = `${REPO_ROOT}/infra/docker-compose.apps.yml`;
export const OVERRIDE_FILE = `${REPO_ROOT}/infra/docker-compose.override.autogen.yml`;
export const ENV_EXAMPLE = `${REPO_ROOT}/infra/.env.example`;

export interface DevArgs {
  force: boolean;
  all: boolean;
  /** only print the port-remap plan (dev-up) */
  plan: boolean;
  /** where to write the URLs (default .env at the repository root) */
  envFile: string;
}

export function parseArgs(argv: readonly string[], allowed: readonly string[]): DevArgs {
  const args: DevArgs = { force: false, all: false, plan: false, envFile: `${REPO_ROOT}/.env` };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!allowed.includes(a)) throw new UsageError(`unknown option ${a} (accepted: ${allowed.join(' ')})`);
    if (a === '--force') args.force = true;
    else if (a === '--all') args.all = true;
    else if (a === '--plan') args.plan = true;
    else if (a === '--dotenv') {
      const v = argv[++i];
      if (!v) throw new UsageError('--dotenv needs a path');
      args.envFile = v;
    }
  }
  return args;
}

export class UsageError extends Error {}

/** Runs a dev command's main: a UsageError prints as is, anything else as `[error] <name>: …`; both exit 1. */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(
      err instanceof UsageError
        ? err.message
        : `[error] ${name}: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  });
}

/**
 * Docker Desktop's `desktop-linux` context on a Linux host breaks bind mounts (/host_mnt) and
 * compose; stop before compose makes a mess, or switch with --force.
 */
export function checkDockerContext(force: boolean): void {
  if (!dockerInstalled()) return;
  const ctx = dockerContext();
  if (ctx !== 'desktop-linux') return;
  if (!force) {
    throw new UsageError(
      [
        "Docker context is 'desktop-linux' instead of 'default' — compose would fail with /host_mnt mount errors.",
        'Fix:  docker context use default',
        '  or: ./scripts/dev-up.sh --force   (switches the context and restarts a systemd-managed Docker)',
      ].join('\n'),
    );
  }
  console.log("[force] Docker context 'desktop-linux' → switching to 'default'");
  if (!run('docker', ['context', 'use', 'default']).ok) throw new Error('docker context use default failed');
  if (!run('docker', ['info', '--format', '{{.ServerVersion}}']).ok) {
    // the default context's daemon may not be up yet; restart it where systemd manages it
    if (run('systemctl', ['is-enabled', 'docker']).ok) {
      console.log('[force] restarting the Docker daemon (systemctl restart docker)');
      run('systemctl', ['restart', 'docker']);
    }
  }
}

/** --force: ends leftover twopointo processes on the app ports, names every other holder. */
export async function clearAppPorts(): Promise<void> {
  const plan = planKills(listenersOn(APP_PORTS), REPO_ROOT);
  for (const l of plan.skip) console.log(formatSkip(l));
  for (const l of plan.kill) {
    console.log(formatKill(l));
    await terminate(l.pid);
  }
  if (plan.kill.length === 0 && plan.skip.length === 0)
    console.log(`[force] Ports ${APP_PORTS.join(', ')}: nothing running`);
}

export function composeArgs(files: readonly string[], ...rest: string[]): string[] {
  return ['compose', '-p', 'twopointo', ...files.flatMap((f) => ['-f', f]), ...rest];
}
