import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, isPortFree, listenersOn, parseProcNetTcp, parseSs, procListeners } from './system.ts';

describe('listener discovery', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  it('parses ss -ltnpH output', () => {
    const out = [
      'LISTEN 0      4096   127.0.0.1:4222  0.0.0.0:* users:(("nats-server",pid=2945,fd=7)) ',
      'LISTEN 0      511        [::1]:6379     [::]:* users:(("redis-server",pid=2205,fd=7))',
      'LISTEN 0      128      0.0.0.0:2024  0.0.0.0:*',
    ].join('\n');
    expect(parseSs(out)).toEqual([
      { port: 4222, name: 'nats-server', pid: 2945 },
      { port: 6379, name: 'redis-server', pid: 2205 },
      { port: 2024 },
    ]);
  });

  it('parses /proc/net/tcp listening sockets', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:107E 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:A1B2 0100007F:107E 01 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    expect(parseProcNetTcp(text)).toEqual([{ port: 4222, inode: '31337' }]);
  });

  it('finds this very process listening, with its command line and cwd', async () => {
    server = createServer();
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const found = listenersOn([port]);
    expect(found.some((l) => l.pid === process.pid && l.port === port)).toBe(true);
    const me = found.find((l) => l.pid === process.pid)!;
    expect(me.cmdline.length).toBeGreaterThan(0);
    expect(me.cwd).toBe(process.cwd());
    expect(await isPortFree(port)).toBe(false);
    expect(await answers(port)).toBe(true);
    // the /proc fallback sees the same owner
    expect(procListeners()).toContainEqual({ port, pid: process.pid, name: expect.any(String) });
  });

  it('sees a loopback-only listener as busy for an all-interfaces publish', async () => {
    server = createServer();
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    expect(await isPortFree(port)).toBe(false);
    await new Promise((r) => server!.close(r));
    server = undefined;
    expect(await isPortFree(port)).toBe(true);
    expect(await answers(port)).toBe(false);
  });
});
