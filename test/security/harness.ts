/**
 * Shared set-up for the fault, fuzz, abuse and security suites: the whole system on the real
 * PostgreSQL + NATS JetStream + Redis of this machine (fresh database, stream and key prefix per
 * run; it starts in ~2 s where the embedded PGlite takes far longer), optionally with a signing-key
 * file and with every log line captured; plus a small world of two users and A's resources.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { expect } from 'vitest';
import { startAll, type RunningSystem } from '@twopointo/all';
import { openBus, type EventBus } from '@twopointo/bus';
import { openCache, type Cache } from '@twopointo/cache';
import { migrate, openDatabase, type Database } from '@twopointo/db';
import { readEdgeConfig, startEdge, storageRoutes, type RunningEdge } from '@twopointo/edge';
import { readIdentityConfig, startIdentity, type RunningIdentity } from '@twopointo/identity';
import { readOfficialConfig, startOfficial, type RunningOfficial } from '@twopointo/official';
import { loggerOptions } from '@twopointo/server-kit';
import { openStorage, readStorageConfig } from '@twopointo/storage';
import { distributedBackends, type DistributedBackends } from '../helpers/backends.ts';
import { api, signUp, type Session } from '../helpers/client.ts';

export interface TestSystem {
  sys: RunningSystem;
  edge: string;
  env: Record<string, string>;
  backends: DistributedBackends;
  dataDir: string;
  /** the PEM signing key file when `keyFile` was asked for */
  keyFile?: string;
  close(): Promise<void>;
}

/** An RSA-2048 PKCS#8 PEM key in a fresh temp file (what `make identity-keygen` writes). */
export function writeKeyFile(dir: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(dir, 'identity_rsa.pem');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

/** The all-in-one system (startAll) on fresh distributed backends. */
export async function startSystem(
  opts: { env?: Record<string, string>; keyFile?: boolean; backends?: DistributedBackends } = {},
): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-sec-'));
  const backends = opts.backends ?? (await distributedBackends());
  const keyFile = opts.keyFile ? writeKeyFile(dataDir) : undefined;
  const env: Record<string, string> = {
    ...backends.env,
    DEV_DB_SOCKET_PORT: '0',
    // the gateway clients of these suites do not heartbeat
    HEARTBEAT_INTERVAL: '600000',
    ...(keyFile ? { IDENTITY_RSA_PRIVATE_KEY_FILE: keyFile } : {}),
    ...opts.env,
  };
  let sys: RunningSystem;
  try {
    sys = await startAll({ dataDir, ports: { identity: 0, official: 0, edge: 0 }, env, quiet: true });
  } catch (err) {
    if (!opts.backends) await backends.cleanup();
    throw err;
  }
  return {
    sys,
    edge: sys.edgeUrl,
    env,
    backends,
    dataDir,
    keyFile,
    close: async () => {
      await sys.close();
      if (!opts.backends) await backends.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every line a pino logger wrote, as text. */
export class LogSink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface LoggedSystem {
  edge: string;
  identity: RunningIdentity;
  official: RunningOfficial;
  edgeApp: RunningEdge;
  database: Database;
  bus: EventBus;
  cache: Cache;
  sink: LogSink;
  env: Record<string, string>;
  backends: DistributedBackends;
  close(): Promise<void>;
}

/**
 * The same three services on the same shared backends as startAll, wired the same way, but
 * logging through the production logger options into a sink the test can read.
 */
export async function startLoggedSystem(
  opts: { env?: Record<string, string>; level?: string } = {},
): Promise<LoggedSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tp-log-'));
  const backends = await distributedBackends();
  const env: Record<string, string> = {
    ...backends.env,
    DATA_DIR: dataDir,
    IDENTITY_PORT: '0',
    OFFICIAL_PORT: '0',
    EDGE_PORT: '0',
    INTERNAL_SECRET: 'test-internal-secret-' + Math.random().toString(36).slice(2),
    HEARTBEAT_INTERVAL: '600000',
    ...opts.env,
  };
  const sink = new LogSink();
  const logger = pino(
    loggerOptions(opts.level ?? 'trace', 'twopointo') as pino.LoggerOptions,
    sink,
  ) as unknown as FastifyBaseLogger;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const database = await openDatabase({ url: env.DATABASE_URL });
    closers.push(() => database.close());
    await migrate(database);
    const bus = await openBus({
      natsUrl: env.NATS_URL,
      stream: env.NATS_STREAM,
      prefix: env.NATS_SUBJECT_PREFIX,
      name: 'logged',
      logger,
    });
    closers.push(() => bus.close());
    const cache = await openCache({ redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
    closers.push(() => cache.close());
    const storage = openStorage(readStorageConfig(env));
    const identity = await startIdentity({
      config: readIdentityConfig(env),
      database,
      cache,
      storage,
      logger,
    });
    closers.push(() => identity.close());
    const official = await startOfficial({
      config: readOfficialConfig(env),
      database,
      bus,
      cache,
      storage,
      logger,
    });
    closers.push(() => official.close());
    const edgeApp = await startEdge({
      config: readEdgeConfig({ ...env, IDENTITY_URL: identity.url, OFFICIAL_URL: official.url }),
      bus,
      cache,
      storage,
      storageRoutes,
      logger,
    });
    closers.push(() => edgeApp.close());
    const close = async () => {
      for (const c of closers.reverse()) await c().catch(() => undefined);
      await backends.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    };
    return {
      edge: edgeApp.url,
      identity,
      official,
      edgeApp,
      database,
      bus,
      cache,
      sink,
      env,
      backends,
      close,
    };
  } catch (err) {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    await backends.cleanup();
    throw err;
  }
}

/** Asserts an answer in the error format, with this status (and code when given). */
export function expectError(
  res: { status: number; body: unknown },
  status: number | number[],
  code?: string,
): void {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `status ${res.status} body ${JSON.stringify(res.body)}`).toContain(res.status);
  expect(isErrorBody(res.body), `error format: ${JSON.stringify(res.body)}`).toBe(true);
  if (code) expect((res.body as { error: { code: string } }).error.code).toBe(code);
}

export function isErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const e = (body as { error?: unknown }).error;
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) && typeof message === 'string';
}

/** User A owns a server with a channel, a message, a role, an invite and an asset; B is a stranger with a server of their own. */
export interface World {
  a: Session;
  b: Session;
  sid: string;
  cid: string;
  mid: string;
  rid: string;
  invite: string;
  aid: string;
  bSid: string;
  bCid: string;
  bRid: string;
  bMid: string;
  secret: string;
}

export async function buildWorld(edge: string): Promise<World> {
  const [a, b] = await Promise.all([signUp(edge), signUp(edge)]);
  const secret = `a-private-${Math.random().toString(36).slice(2)}`;
  const ok = async <T>(p: Promise<{ status: number; body: T }>, status = 201): Promise<T> => {
    const r = await p;
    if (r.status !== status) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const server = await ok(
    api<{ id: string }>(edge, 'POST', '/api/servers', {
      token: a.access,
      body: { name: `${secret}-server` },
    }),
  );
  const channel = await ok(
    api<{ id: string }>(edge, 'POST', `/api/servers/${server.id}/channels`, {
      token: a.access,
      body: { name: `${secret}-chan` },
    }),
  );
  const message = await ok(
    api<{ id: string }>(edge, 'POST', `/api/channels/${channel.id}/messages`, {
      token: a.access,
      body: { content: `${secret}-msg` },
    }),
  );
  const role = await ok(
    api<{ id: string }>(edge, 'POST', `/api/servers/${server.id}/roles`, {
      token: a.access,
      body: { name: `${secret}-role`, permissions: '0' },
    }),
  );
  const invite = await ok(
    api<{ code: string }>(edge, 'POST', `/api/servers/${server.id}/invites`, { token: a.access, body: {} }),
  );
  const asset = await ok(
    api<{ id: string }>(edge, 'POST', '/api/assets', {
      token: a.access,
      body: { filename: `${secret}.txt`, content_type: 'text/plain', size: 5 },
    }),
  );
  const bServer = await ok(
    api<{ id: string }>(edge, 'POST', '/api/servers', { token: b.access, body: { name: 'b-server' } }),
  );
  const bChannel = await ok(
    api<{ id: string }>(edge, 'POST', `/api/servers/${bServer.id}/channels`, {
      token: b.access,
      body: { name: 'b-chan' },
    }),
  );
  const bRole = await ok(
    api<{ id: string }>(edge, 'POST', `/api/servers/${bServer.id}/roles`, {
      token: b.access,
      body: { name: 'b-role', permissions: '0' },
    }),
  );
  const bMessage = await ok(
    api<{ id: string }>(edge, 'POST', `/api/channels/${bChannel.id}/messages`, {
      token: b.access,
      body: { content: 'b-msg' },
    }),
  );
  return {
    a,
    b,
    sid: server.id,
    cid: channel.id,
    mid: message.id,
    rid: role.id,
    invite: invite.code,
    aid: asset.id,
    bSid: bServer.id,
    bCid: bChannel.id,
    bRid: bRole.id,
    bMid: bMessage.id,
    secret,
  };
}

/** Runs tasks with at most `n` in flight. */
export async function pool<T, R>(
  items: T[],
  n: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
