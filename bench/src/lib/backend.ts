/**
 * Backends for the system under test: the embedded default (PGlite, in-process bus and cache in
 * a temp data dir) or the machine's real PostgreSQL (a fresh database, dropped after), NATS
 * JetStream (a stream and subject prefix unique to the run, deleted after) and Redis.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_PG_ADMIN_URL, migrate, openDatabase } from '@twopointo/db';

export type BackendName = 'embedded' | 'nats';

export const NATS_URL = 'nats://127.0.0.1:4222';
export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface PreparedBackend {
  name: BackendName;
  dataDir: string;
  /** config overrides handed to startAll and set in the child's environment */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Settings every benchmark run shares: no rate limits, quiet logs, many sockets per user. */
export const BENCH_ENV: Record<string, string> = {
  RATE_LIMITS: 'off',
  LOG_LEVEL: 'warn',
  WS_MAX_SOCKETS_PER_USER: '100000',
  // the embedded database is not served to local tools during a benchmark
  DEV_DB_SOCKET_PORT: '0',
};

export async function prepareBackend(name: BackendName): Promise<PreparedBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-bench-'));
  const rmData = () => rmSync(dataDir, { recursive: true, force: true });
  if (name === 'embedded') {
    // empty strings count as unset, so a developer's .env cannot switch the backend
    return {
      name,
      dataDir,
      env: {
        ...BENCH_ENV,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        NATS_URL: '',
        REDIS_URL: '',
        S3_ENDPOINT: '',
      },
      cleanup: async () => rmData(),
    };
  }
  await sweepStale();
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `tp_bench_${tag}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 1 });
  await migrate(database);
  await database.close();
  const stream = `TP_BENCH_${tag.toUpperCase()}`;
  const redisPrefix = `tpbench:${tag}:`;
  return {
    name,
    dataDir,
    env: {
      ...BENCH_ENV,
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      NATS_URL,
      REDIS_URL,
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: `tpb${tag}`,
      REDIS_PREFIX: redisPrefix,
      S3_ENDPOINT: '',
    },
    cleanup: async () => {
      rmData();
      const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${dbName} with (force)`);
      await a.end();
      await deleteStream(stream);
      await deleteRedisKeys(redisPrefix);
    },
  };
}

const STALE_MS = 3600_000;
/** true for a tag (base-36 start time first) older than an hour: a run that was killed */
const stale = (tag: string) => {
  const t = parseInt(tag.split('_')[0] ?? '', 36);
  return Number.isFinite(t) && Date.now() - t > STALE_MS;
};

/** Drops databases and streams left by killed runs (their cleanup never ran). */
async function sweepStale(): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'tp_bench_%'",
    );
    for (const { datname } of rows)
      if (/^tp_bench_[0-9a-z_]+$/.test(datname) && stale(datname.slice('tp_bench_'.length)))
        await admin.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: NATS_URL, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const info of jsm.streams.list())
      if (
        info.config.name.startsWith('TP_BENCH_') &&
        stale(info.config.name.slice('TP_BENCH_'.length).toLowerCase())
      )
        await jsm.streams.delete(info.config.name).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Deletes the run's stream if the services created it under the name we asked for. */
async function deleteStream(stream: string): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: NATS_URL, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Deletes the run's Redis keys (presence, sessions) under its own prefix. */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
