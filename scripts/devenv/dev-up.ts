/**
 * make dev-up / scripts/dev-up.{sh,fish}: infra for the distributed mode, then migrations.
 * Docker Compose when an engine answers (busy host ports remapped), the machine's own
 * PostgreSQL/Redis/NATS otherwise. `--all` also builds and starts the app containers;
 * `--force` first ends leftover twopointo processes on the app ports.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import {
  APPS_COMPOSE_FILE,
  checkDockerContext,
  clearAppPorts,
  COMPOSE_FILE,
  composeArgs,
  ENV_EXAMPLE,
  OVERRIDE_FILE,
  parseArgs,
  REPO_ROOT,
  runCommand,
  UsageError,
} from './common.ts';
import { infraEnv, readEnvValue, updateEnvText } from './env-file.ts';
import {
  effectivePorts,
  formatRemapInfo,
  formatRemapTable,
  INFRA_PORTS,
  planRemaps,
  renderOverride,
  type PortHolder,
  type Remap,
} from './ports.ts';
import {
  answers,
  COMPOSE_PROJECT,
  containerPublishing,
  dockerEngineAnswers,
  isPortFree,
  listListeners,
  run,
  runInherit,
  waitFor,
} from './system.ts';

const DB_NAME = 'twopointo';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['--force', '--all', '--dotenv', '--plan']);
  if (args.plan) {
    // what the Docker path would publish, without touching anything
    const remaps = await detectRemaps();
    printRemaps(remaps);
    if (remaps.length === 0) console.log('[info] every infra port is free: no remaps');
    else process.stdout.write(`# ${OVERRIDE_FILE}\n${renderOverride(remaps)}`);
    return;
  }
  checkDockerContext(args.force);
  const docker = dockerEngineAnswers();
  if (args.all && !docker) {
    throw new UsageError(
      [
        '[error] --all builds and runs the app containers and needs a Docker engine; none answers here.',
        'Without Docker run the services directly:',
        '  make dev             # everything in one process on the embedded default (http://localhost:60420)',
        '  make dev-up          # local PostgreSQL/Redis/NATS, then in three terminals:',
        '  make run-identity; make run-official; make run-edge',
      ].join('\n'),
    );
  }
  if (args.force) await clearAppPorts();
  ensureEnvFile(args.envFile);
  const env = docker ? await upWithDocker() : await upLocal();
  writeEnv(args.envFile, env);
  migrate(env.DATABASE_URL!);
  if (args.all) upApps();
  console.log('[ok] infra is up; services read their URLs from .env');
}

function ensureEnvFile(path: string): void {
  if (existsSync(path)) return;
  copyFileSync(ENV_EXAMPLE, path);
  console.log(`[info] created ${path} from infra/.env.example`);
}

function writeEnv(path: string, values: Record<string, string>): void {
  const text = readFileSync(path, 'utf8');
  // separate processes must share one Edge → Official secret; never print it
  if (readEnvValue(text, 'INTERNAL_SECRET') === '') {
    writeFileSync(path, updateEnvText(text, { INTERNAL_SECRET: randomBytes(32).toString('hex') }));
    console.log('[info] generated INTERNAL_SECRET in .env');
  }
  writeFileSync(path, updateEnvText(readFileSync(path, 'utf8'), values));
  const shown = Object.entries(values)
    .filter(([k]) => k !== 'S3_SECRET_KEY')
    .map(([k, v]) => `${k}=${v === '' ? '(unset)' : v}`);
  console.log(`[info] ${path.startsWith(REPO_ROOT) ? '.env' : path}: ${shown.join(' ')}`);
}

// ── Docker ───────────────────────────────────────────────────────────────────

/** Which infra host ports other programs hold, and where each one moves to. */
async function detectRemaps(): Promise<Remap[]> {
  const listeners = listListeners();
  const listening = new Set(listeners.map((l) => l.port));
  // our own containers from an earlier dev-up keep (or may take back) their ports
  const ours = (port: number) => containerPublishing(port)?.project === COMPOSE_PROJECT;
  const held = new Map<number, PortHolder>();
  for (const spec of INFRA_PORTS) {
    if (!listening.has(spec.port) && (await isPortFree(spec.port))) continue;
    if (ours(spec.port)) continue;
    const container = containerPublishing(spec.port);
    const l = listeners.find((x) => x.port === spec.port && x.pid !== undefined);
    held.set(
      spec.port,
      container
        ? { kind: 'container', name: container.name }
        : l?.name && l.pid !== undefined
          ? { kind: 'process', name: l.name, pid: l.pid }
          : { kind: 'unknown' },
    );
  }
  return planRemaps(held, (p) => !listening.has(p) || ours(p));
}

function printRemaps(remaps: readonly Remap[]): void {
  for (const r of remaps) console.log(formatRemapInfo(r));
  for (const line of formatRemapTable(remaps)) console.log(line);
}

async function upWithDocker(): Promise<Record<string, string>> {
  const remaps = await detectRemaps();
  printRemaps(remaps);
  const files = [COMPOSE_FILE];
  if (remaps.length > 0) {
    writeFileSync(OVERRIDE_FILE, renderOverride(remaps));
    files.push(OVERRIDE_FILE);
  } else rmSync(OVERRIDE_FILE, { force: true });

  console.log('[info] docker compose up: PostgreSQL 16, Redis 7, NATS 2.10 (JetStream), MinIO');
  if (!runInherit('docker', composeArgs(files, 'up', '-d', '--wait'), { cwd: REPO_ROOT })) {
    throw new Error('docker compose up failed (see above)');
  }
  const ports = effectivePorts(remaps);
  return infraEnv({
    postgres: {
      host: 'localhost',
      port: ports.get(5432)!,
      user: 'twopointo',
      password: 'twopointo',
      database: DB_NAME,
    },
    redis: { host: 'localhost', port: ports.get(6379)! },
    nats: { host: 'localhost', port: ports.get(4222)! },
    // the MinIO root credentials of infra/docker-compose.yml (development only)
    s3: {
      host: 'localhost',
      port: ports.get(9000)!,
      bucket: 'twopointo',
      accessKey: 'twopointo',
      secretKey: 'twopointo-dev-secret',
    },
  });
}

function upApps(): void {
  const files = [COMPOSE_FILE, ...(existsSync(OVERRIDE_FILE) ? [OVERRIDE_FILE] : []), APPS_COMPOSE_FILE];
  console.log('[info] building and starting identity, official, edge (infra/docker-compose.apps.yml)');
  if (!runInherit('docker', composeArgs(files, 'up', '-d', '--build', '--wait'), { cwd: REPO_ROOT })) {
    throw new Error('docker compose up of the app services failed (see above)');
  }
  console.log('[ok] app services up: Edge on http://localhost:60420');
}

// ── Local services (no Docker) ───────────────────────────────────────────────

interface LocalService {
  name: string;
  port: number;
  cmd: string;
  args: string[];
}

function localServices(): LocalService[] {
  const pgVersions = run('ls', ['/etc/postgresql']).stdout.split('\n').filter(Boolean);
  return [
    {
      name: 'PostgreSQL',
      port: 5432,
      cmd: 'pg_ctlcluster',
      args: ['--skip-systemctl-redirect', pgVersions.at(-1) ?? '16', 'main', 'start'],
    },
    {
      name: 'Redis',
      port: 6379,
      cmd: 'redis-server',
      // the machine's Redis for development: no persistence, loopback only
      args: [
        '--daemonize',
        'yes',
        '--bind',
        '127.0.0.1',
        '-::1',
        '--port',
        '6379',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        '/var/lib/redis',
        '--logfile',
        '/var/log/redis/ci.log',
      ],
    },
    {
      name: 'NATS',
      port: 4222,
      cmd: 'start-stop-daemon',
      args: [
        '--start',
        '--oknodo',
        '--background',
        '--exec',
        '/usr/sbin/nats-server',
        '--',
        '-a',
        '127.0.0.1',
        '-p',
        '4222',
        '-js',
        '-sd',
        '/var/lib/nats-server',
        '-l',
        '/var/log/nats-server.log',
      ],
    },
  ];
}

async function upLocal(): Promise<Record<string, string>> {
  console.log('[info] no Docker engine: using local PostgreSQL/Redis/NATS');
  for (const s of localServices()) {
    if (await answers(s.port)) {
      console.log(`[info] ${s.name} already running on 127.0.0.1:${s.port}`);
      continue;
    }
    console.log(`[info] starting ${s.name}: ${s.cmd} ${s.args.map((a) => (a === '' ? '""' : a)).join(' ')}`);
    const r = run(s.cmd, s.args);
    if (r.missing)
      throw new Error(`${s.name} is not installed (${s.cmd} not found); install it or use Docker`);
    if (!r.ok) throw new Error(`starting ${s.name} failed: ${(r.stderr || r.stdout).trim()}`);
    if (!(await waitFor(() => answers(s.port), 15_000)))
      throw new Error(`${s.name} did not answer on 127.0.0.1:${s.port}`);
    console.log(`[info] ${s.name} up on 127.0.0.1:${s.port}`);
  }
  await createDatabase();
  console.log('[info] MinIO needs Docker: S3_ENDPOINT left unset, uploads use local disk (DATA_DIR/assets)');
  return infraEnv({
    postgres: { host: '127.0.0.1', port: 5432, user: 'postgres', database: DB_NAME },
    redis: { host: '127.0.0.1', port: 6379 },
    nats: { host: '127.0.0.1', port: 4222 },
  });
}

async function createDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${DB_NAME}`);
      console.log(`[info] created database ${DB_NAME}`);
    } else console.log(`[info] database ${DB_NAME} exists`);
  } finally {
    await admin.end();
  }
}

// ── Migrations ───────────────────────────────────────────────────────────────

function migrate(databaseUrl: string): void {
  console.log('[info] applying migrations (npm run migrate)');
  const ok = runInherit('npm', ['run', '-s', 'migrate'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (!ok) throw new Error('migrations failed (see above)');
}

runCommand('dev-up', main);
