import { describe, expect, it } from 'vitest';
import { formatKill, formatSkip, isOurProcess, planKills, type PortListener } from './processes.ts';

const ROOT = '/home/dev/twopointo';

describe('planKills (--force)', () => {
  const listeners: PortListener[] = [
    // make dev: tsx child with a relative entry, cwd = the checkout
    {
      pid: 101,
      port: 60420,
      cmdline: `node --require ${ROOT}/node_modules/tsx/dist/preflight.cjs --import file://${ROOT}/node_modules/tsx/dist/loader.mjs services/all/src/main.ts`,
      cwd: ROOT,
    },
    // the same process on its other ports, and its IPv6 twin
    {
      pid: 101,
      port: 8081,
      cmdline: `node ${ROOT}/node_modules/.bin/tsx services/all/src/main.ts`,
      cwd: ROOT,
    },
    {
      pid: 101,
      port: 8081,
      cmdline: `node ${ROOT}/node_modules/.bin/tsx services/all/src/main.ts`,
      cwd: ROOT,
    },
    // a bundle started by absolute path from anywhere
    { pid: 102, port: 8080, cmdline: `node ${ROOT}/bin/official.mjs`, cwd: '/' },
    // Vite of the web client
    {
      pid: 103,
      port: 5173,
      cmdline: `node ${ROOT}/apps/web/node_modules/.bin/vite`,
      cwd: `${ROOT}/apps/web`,
    },
    // unrelated: a Python server on 8080, another checkout's edge, a vite of another project,
    // something whose arguments merely mention our words
    { pid: 201, port: 8080, cmdline: 'python3 -m http.server 8080', cwd: ROOT },
    { pid: 202, port: 60420, cmdline: 'node /home/dev/other/services/edge/src/main.ts', cwd: ROOT },
    { pid: 203, port: 5173, cmdline: 'node /srv/site/node_modules/.bin/vite', cwd: '/srv/site' },
    { pid: 204, port: 8081, cmdline: `grep identity official edge vite ${ROOT}`, cwd: ROOT },
    { pid: 205, port: 8081, cmdline: 'node services/identity/src/main.ts', cwd: '/home/dev/twopointo-old' },
    // ours, but not on one of the app ports
    { pid: 301, port: 9999, cmdline: `node ${ROOT}/bin/edge.mjs`, cwd: ROOT },
  ];

  it("kills only this checkout's service entries and Vite, once per pid and port", () => {
    const plan = planKills(listeners, ROOT);
    expect(plan.kill.map((l) => [l.pid, l.port])).toEqual([
      [101, 60420],
      [101, 8081],
      [102, 8080],
      [103, 5173],
    ]);
  });

  it('skips everything else on those ports and names it', () => {
    const plan = planKills(listeners, ROOT);
    expect(plan.skip.map((l) => l.pid)).toEqual([201, 202, 203, 204, 205]);
    expect(formatSkip(plan.skip[0]!)).toBe(
      '[warn] Port 8080: held by pid 201 (python3 -m http.server 8080) — not a twopointo process, skipped',
    );
    expect(formatKill(plan.kill[2]!)).toBe(
      `[force] Port 8080: stopping pid 102 (node ${ROOT}/bin/official.mjs)`,
    );
  });

  it('needs the repo path: a relative entry without a known cwd is not ours', () => {
    expect(isOurProcess({ pid: 1, port: 8081, cmdline: 'node services/identity/src/main.ts' }, ROOT)).toBe(
      false,
    );
    expect(
      isOurProcess(
        { pid: 1, port: 8081, cmdline: 'node services/identity/src/main.ts', cwd: `${ROOT}/` },
        `${ROOT}/`,
      ),
    ).toBe(true);
    // a prefix of the root is another directory
    expect(isOurProcess({ pid: 1, port: 8081, cmdline: `node ${ROOT}2/bin/identity.mjs` }, ROOT)).toBe(false);
    expect(isOurProcess({ pid: 1, port: 8081, cmdline: `node ${ROOT}/bin/identity.mjs.bak` }, ROOT)).toBe(
      false,
    );
  });
});
