/**
 * The embedded default runs a local Janus when the binary is there and JANUS_URLS is unset
 * (config generated into DATA_DIR/janus/, stopped with the process); without a binary voice is
 * "not set up" and everything else works.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { janusAvailable } from '@twopointo/janus/testing';
import { api, signUp } from '../../../test/helpers/client.ts';
import { startAll } from './index.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!TEST_BACKENDS.includes('pglite'))('the embedded Janus', () => {
  const run = async (
    env: Record<string, string>,
    check: (edge: string, dataDir: string) => Promise<void>,
  ) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tp-all-janus-'));
    const system = await startAll({
      dataDir,
      ports: { identity: 0, official: 0, edge: 0 },
      env: { DEV_DB_SOCKET_PORT: '0', ...env },
      quiet: true,
    });
    try {
      await check(system.edgeUrl, dataDir);
    } finally {
      await system.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  it.skipIf(!janusAvailable())(
    'starts with the system from a generated config and stops with it',
    async () => {
      let pid = 0;
      await run({}, async (edge, dataDir) => {
        const alice = await signUp(edge);
        const status = await api<{ available: boolean }>(edge, 'GET', '/api/voice/status', {
          token: alice.access,
        });
        expect(status.body).toEqual({ available: true });
        const config = readFileSync(join(dataDir, 'janus/janus.jcfg'), 'utf8');
        expect(config).toContain('token_auth = true');
        expect(config).toMatch(/token_auth_secret = "[\w-]{20,}"/);
        expect(readFileSync(join(dataDir, 'janus/janus.transport.websockets.jcfg'), 'utf8')).toContain(
          'ws_ip = "127.0.0.1"',
        );
        expect(readFileSync(join(dataDir, 'janus/janus.transport.http.jcfg'), 'utf8')).toMatch(
          /admin_http = true[\s\S]*admin_ip = "127.0.0.1"/,
        );
        const ps = readFileSync('/proc/self/task/' + process.pid + '/children', 'utf8')
          .trim()
          .split(/\s+/);
        pid = Number(ps.find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('janus.jcfg')));
        expect(alive(pid)).toBe(true);
      });
      expect(alive(pid)).toBe(false);
    },
  );

  it('without a Janus binary voice is not set up and the rest works', async () => {
    await run({ JANUS_BINARY: '/nonexistent/janus' }, async (edge, dataDir) => {
      const alice = await signUp(edge);
      const status = await api<{ available: boolean }>(edge, 'GET', '/api/voice/status', {
        token: alice.access,
      });
      expect(status.body).toEqual({ available: false });
      const sid = (
        await api<{ id: string }>(edge, 'POST', '/api/servers', { token: alice.access, body: { name: 'S' } })
      ).body.id;
      const cid = (
        await api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
          token: alice.access,
          body: { name: 'v', type: 'voice' },
        })
      ).body.id;
      const res = await api<{ error: { code: string } }>(edge, 'POST', `/api/channels/${cid}/voice`, {
        token: alice.access,
        body: {},
      });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('voice_unavailable');
      expect(existsSync(join(dataDir, 'janus'))).toBe(false);
    });
  });
});
