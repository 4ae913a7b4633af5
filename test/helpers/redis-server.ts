/** A private redis-server for tests that must stop Redis; never touch the shared one on :6379. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, managedProcess, type PrivateServer } from './nats-server.ts';

export type { PrivateServer };

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? 'redis-server';

export async function startRedisServer(): Promise<PrivateServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tp-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  const proc = managedProcess(REDIS_SERVER_BIN, args, port);
  await proc.start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start: proc.start,
    stop: proc.stop,
    cleanup: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
