import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll, ENTRIES, REPO_ROOT } from './build-all.ts';

const identityExists = existsSync(join(REPO_ROOT, ENTRIES.identity!));
if (!identityExists)
  console.warn('[skip] build-all /healthz check: services/identity/src/main.ts does not exist yet');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('make build-all', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.skipIf(!identityExists)(
    'bundles every existing service to bin/<name>.mjs, and node bin/identity.mjs answers /healthz',
    async () => {
      const result = await buildAll();
      for (const name of Object.keys(ENTRIES)) {
        expect(existsSync(join(REPO_ROOT, 'bin', `${name}.mjs`)), name).toBe(!result.missing.includes(name));
      }
      expect(readdirSync(join(REPO_ROOT, 'bin/migrations'))).toEqual(
        readdirSync(join(REPO_ROOT, 'packages/db/migrations')),
      );

      const dataDir = mkdtempSync(join(tmpdir(), 'tp-build-'));
      dirs.push(dataDir);
      const port = await freePort();
      // run from elsewhere: the bundle must find its migrations and packages by itself
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/identity.mjs')], {
        cwd: dataDir,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          IDENTITY_PORT: String(port),
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          REDIS_URL: '',
          S3_ENDPOINT: '',
          S3_BUCKET: '',
          IDENTITY_RSA_PRIVATE_KEY_FILE: '',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

      let status = 0;
      const until = Date.now() + 50_000;
      while (Date.now() < until && child.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(status, output).toBe(200);
      // it migrated the embedded database from bin/migrations
      expect(existsSync(join(dataDir, 'db'))).toBe(true);
      child.kill('SIGTERM');
    },
    90_000,
  );
});
