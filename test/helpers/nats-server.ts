/**
 * A private nats-server (JetStream on) for tests that must stop and restart NATS; never touch
 * the machine's shared server on :4222. Restarts reuse the port and store dir, like a real restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateServer {
  url: string;
  port: number;
  /** stops the process (SIGTERM, then SIGKILL after 5 s); data stays */
  stop(): Promise<void>;
  /** starts it again on the same port (and store dir) */
  start(): Promise<void>;
  /** stops it and deletes its files */
  cleanup(): Promise<void>;
}

export interface NatsServerHandle extends PrivateServer {
  storeDir: string;
}

export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

export async function startNatsServer(): Promise<NatsServerHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'tp-nats-'));
  const port = await freePort();
  const storeDir = join(dir, 'store');
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  const proc = managedProcess(NATS_SERVER_BIN, args, port);
  await proc.start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    start: proc.start,
    stop: proc.stop,
    cleanup: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A child process that listens on `port`: start waits until the port accepts connections. */
export function managedProcess(bin: string, args: string[], port: number) {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const start = async (): Promise<void> => {
    if (child) return;
    output = '';
    const c = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
    c.stderr?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)));
    exited = new Promise((resolve) =>
      c.once('exit', () => {
        if (child === c) child = undefined;
        resolve();
      }),
    );
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(port))) {
      if (!child) throw new Error(`${bin} exited at start:\n${output}`);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${bin} did not listen on ${port} within 10 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async (): Promise<void> => {
    const c = child;
    if (!c) return;
    c.kill('SIGTERM');
    const killer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    child = undefined;
  };

  return { start, stop };
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
