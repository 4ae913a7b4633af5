/**
 * make dev-down / scripts/dev-down.{sh,fish}: stops the compose infra (and app containers) and
 * removes the port-remap override. `--force` only clears leftover twopointo processes from the
 * app ports. The machine's own PostgreSQL/Redis/NATS are shared services and stay up.
 */
import { existsSync, rmSync } from 'node:fs';
import {
  APPS_COMPOSE_FILE,
  clearAppPorts,
  COMPOSE_FILE,
  composeArgs,
  OVERRIDE_FILE,
  parseArgs,
  REPO_ROOT,
  runCommand,
} from './common.ts';
import { dockerEngineAnswers, runInherit } from './system.ts';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['--force']);
  if (args.force) {
    await clearAppPorts();
    return;
  }
  if (dockerEngineAnswers()) {
    const files = [COMPOSE_FILE, ...(existsSync(OVERRIDE_FILE) ? [OVERRIDE_FILE] : []), APPS_COMPOSE_FILE];
    console.log('[info] docker compose down (infra + app containers; volumes kept)');
    if (!runInherit('docker', composeArgs(files, 'down', '--remove-orphans'), { cwd: REPO_ROOT })) {
      throw new Error('docker compose down failed (see above)');
    }
  } else {
    console.log(
      '[info] no Docker engine: the local PostgreSQL/Redis/NATS are shared system services — left running',
    );
  }
  if (existsSync(OVERRIDE_FILE)) {
    rmSync(OVERRIDE_FILE);
    console.log('[info] removed infra/docker-compose.override.autogen.yml');
  }
  console.log('[ok] dev-down done');
}

runCommand('dev-down', main);
