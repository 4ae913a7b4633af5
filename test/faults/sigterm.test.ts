/**
 * Graceful shutdown of the all-in-one process (`make dev`, embedded PGlite) on SIGTERM while a
 * request is in flight: the request completes (201), a request arriving during the drain is
 * refused in the error format (never half-served), gateway sockets are closed with 4012, the
 * process exits 0, and the PGlite directory holds the message with no outbox row unpublished.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, sql } from '@twopointo/db';
import { REPO_ROOT } from '@twopointo/server-kit';
import { GatewayClient, serverWithChannel, signUp } from '../helpers/client.ts';
import { freePort } from '../helpers/nats-server.ts';
import { isErrorBody, sleep } from '../security/harness.ts';
import { until } from './support.ts';

/** A POST whose body is sent in two halves, so it can be in flight for as long as we like. */
function slowPost(url: string, token: string, body: string) {
  const u = new URL(url);
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { response, finish: () => finish() };
}

/** A raw connection that sends half of a request's headers now and the rest later. */
function halfRequest(port: number, token: string) {
  const sock = connect({ host: '127.0.0.1', port });
  let raw = '';
  sock.on('data', (b) => (raw += b.toString()));
  sock.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => sock.on('close', () => resolve()));
  sock.write('GET /api/me/servers HTTP/1.1\r\nHost: x\r\n');
  return {
    finish: () => sock.write(`Authorization: Bearer ${token}\r\nConnection: close\r\n\r\n`),
    answer: async () => {
      await Promise.race([closed, sleep(10_000)]);
      return raw;
    },
  };
}

describe('graceful shutdown on SIGTERM', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  afterAll(() => {
    child?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the in-flight request, closes sockets with 4012, flushes the outbox and exits 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tp-sigterm-'));
    const [ip, op, ep] = [await freePort(), await freePort(), await freePort()];
    // the embedded default: none of the distributed backends this machine's tests may have set
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          ![
            'DATABASE_URL',
            'NATS_URL',
            'REDIS_URL',
            'INTERNAL_SECRET',
            'IDENTITY_RSA_PRIVATE_KEY_FILE',
          ].includes(k),
      ),
    );
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      DATA_DIR: dataDir,
      IDENTITY_PORT: String(ip),
      OFFICIAL_PORT: String(op),
      EDGE_PORT: String(ep),
      DEV_DB_SOCKET_PORT: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'off',
      HEARTBEAT_INTERVAL: '600000',
    };
    const started = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', 'services/all/src/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    await until(
      () => out.includes('twopointo is running') || child!.exitCode !== null,
      150_000,
      `the all-in-one to start:\n${out}`,
    );
    expect(child.exitCode, out).toBeNull();
    const startMs = Date.now() - started;
    const edge = `http://127.0.0.1:${ep}`;

    const a = await signUp(edge);
    const { sid, cid } = await serverWithChannel(edge, a);
    const ws = await GatewayClient.connect(edge, a.access);
    ws.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await ws.waitFor((f) => f.op === 'SUBSCRIBED');

    const content = `in flight ${'x'.repeat(2000)}`;
    const inflight = slowPost(`${edge}/api/channels/${cid}/messages`, a.access, JSON.stringify({ content }));
    const late = halfRequest(ep, a.access);
    await sleep(300);
    const termAt = Date.now();
    child.kill('SIGTERM');
    // the sockets are told to reconnect elsewhere while the request is still waiting for its body
    const code = await Promise.race([ws.closed, sleep(8000).then(() => -1)]);
    expect(code).toBe(4012);
    const closedMs = Date.now() - termAt;
    late.finish();
    await sleep(300);
    inflight.finish();
    const res = await inflight.response;
    expect(res.status, res.text).toBe(201);
    const message = JSON.parse(res.text) as { id: string; content: string };
    expect(message.content).toBe(content);

    // the request that arrived during the drain was either served whole or refused in the error format
    const lateRaw = await late.answer();
    const lateStatus = lateRaw ? Number(/^HTTP\/1\.1 (\d+)/.exec(lateRaw)?.[1]) : 'refused';
    if (lateRaw) {
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(lateRaw)?.[1]);
      const body = lateRaw.slice(lateRaw.indexOf('\r\n\r\n') + 4);
      if (status !== 200) {
        expect(status, lateRaw).toBe(503);
        expect(isErrorBody(JSON.parse(body)), lateRaw).toBe(true);
      }
    }

    const exitCode = await Promise.race([exited, sleep(20_000).then(() => 'timeout' as const)]);
    const exitMs = Date.now() - termAt;
    expect(exitCode, out).toBe(0);
    child = undefined;
    // nothing listens any more
    await expect(fetch(`${edge}/healthz`)).rejects.toThrow();

    const db = await openDatabase({ dataDir: join(dataDir, 'db') });
    try {
      const pending = await sql<{
        n: string;
      }>`select count(*)::text as n from outbox where published_at is null`.execute(db.db);
      expect(Number(pending.rows[0]!.n)).toBe(0);
      const stored = await sql<{
        content: string;
      }>`select content from messages where id = ${message.id}`.execute(db.db);
      expect(stored.rows.map((r) => r.content)).toEqual([content]);
    } finally {
      await db.close();
    }
    console.log(
      `[fault sigterm] all-in-one started in ${startMs} ms; after SIGTERM: sockets closed 4012 in ${closedMs} ms, ` +
        `in-flight request 201, request arriving in the drain ${lateStatus}, exit 0 after ${exitMs} ms, outbox unpublished 0`,
    );
  }, 240_000);
});
