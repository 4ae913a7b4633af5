/**
 * Runs a Janus process from a generated config (the embedded default and the tests): writes the
 * config into `dir`, starts the binary with its output in `dir/janus.log`, waits until the
 * WebSocket API answers `info`, and stops it (SIGTERM, then SIGKILL) on stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { accessSync, constants, openSync, readFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { writeJanusConfig, type JanusConfigOptions } from './janus-config.ts';
import { JanusConnection } from './janus-connection.ts';

export interface JanusLaunchOptions extends JanusConfigOptions {
  binary: string;
  /** where the config and log go */
  dir: string;
  /** how long to wait for the API to answer */
  readyTimeoutMs?: number;
}

export interface RunningJanus {
  /** the WebSocket API, e.g. ws://127.0.0.1:8188 */
  url: string;
  /** the admin API (HTTP, loopback) */
  adminUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** True when `path` is an executable file. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on loopback (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts Janus; port 0 (WebSocket or admin) picks a free one. */
export async function startJanus(opts: JanusLaunchOptions): Promise<RunningJanus> {
  const o: JanusLaunchOptions = {
    ...opts,
    wsPort: opts.wsPort || (await freePort()),
    adminPort: opts.adminPort || (await freePort()),
    // a name of this start only: `info` proves the port answering is this process, not another Janus
    serverName: `twopointo-${randomBytes(6).toString('hex')}`,
  };
  const configFile = writeJanusConfig(o.dir, o);
  const logPath = join(o.dir, 'janus.log');
  const log = openSync(logPath, 'w', 0o600);
  let child: ChildProcess;
  try {
    // -L would also log to the file; stdout/stderr already go there
    child = spawn(o.binary, ['-C', configFile, '-F', o.dir], { stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  const host = o.host === '0.0.0.0' ? '127.0.0.1' : o.host;
  const url = `ws://${host}:${o.wsPort}`;
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited (${signal ?? code})`;
      resolve();
    }),
  );
  child.once('error', (err) => (exited = `could not start: ${err.message}`));
  // never leave a Janus behind when this process ends without stop()
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (o.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (exited) {
      process.removeListener('exit', killOnExit);
      throw new Error(`janus ${exited}; log ${logPath}:\n${tail(logPath)}`);
    }
    if (await answers(url, o.serverName!)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`janus did not answer on ${url}; log ${logPath}:\n${tail(logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, adminUrl: `http://127.0.0.1:${o.adminPort}/admin`, pid: child.pid ?? 0, stop };
}

async function answers(url: string, serverName: string): Promise<boolean> {
  try {
    const conn = await JanusConnection.open(url, 1000);
    try {
      const info = await conn.request({ janus: 'info' });
      return info.janus === 'server_info' && info['server-name'] === serverName;
    } finally {
      conn.close();
    }
  } catch {
    return false;
  }
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
