/**
 * Test-only: HTTP as it goes over the wire (fetch would inflate bodies and hide the bytes sent),
 * and a throw-away built web client to serve.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import { startTestEdge, type TestEdge } from './harness.ts';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the body exactly as sent (still compressed) */
  body: Buffer;
  /** the answer came over a socket an earlier request on the same agent had used */
  reusedSocket: boolean;
}

export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: Agent } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          reusedSocket: req.reusedSocket,
        }),
      );
    });
    req.end(opts.body);
  });
}

/** A built web client: index.html, a hashed bundle with its brotli/gzip twins, and its source map. */
export interface FakeWebDist {
  dir: string;
  /** the bundle's URL path */
  script: string;
  scriptBytes: Buffer;
}

export function makeWebDist(): FakeWebDist {
  const dir = mkdtempSync(join(tmpdir(), 'tp-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  const script = '/assets/index-AbC123.js';
  // compressible like a real bundle: 40 KB of repeated code
  const scriptBytes = Buffer.from(
    Array.from({ length: 800 }, (_, i) => `export function f${i}(a){return a*${i}+1;}\n`).join(''),
  );
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="${script}"></script></head><body><div id="root"></div></body></html>\n`,
  );
  writeFileSync(join(dir, script), scriptBytes);
  writeFileSync(join(dir, `${script}.br`), brotliCompressSync(scriptBytes));
  writeFileSync(join(dir, `${script}.gz`), gzipSync(scriptBytes));
  writeFileSync(join(dir, `${script}.map`), JSON.stringify({ version: 3, sources: ['src/main.tsx'] }));
  return { dir, script, scriptBytes };
}

/**
 * For the enclosing describe: an Edge serving a fake web build, started before its tests and
 * stopped (build removed) after. Read `edge.t` and `edge.web` inside the tests.
 */
export function useWebEdge(): { readonly t: TestEdge; readonly web: FakeWebDist } {
  const edge = {} as { t: TestEdge; web: FakeWebDist };
  beforeAll(async () => {
    edge.web = makeWebDist();
    edge.t = await startTestEdge({ overrides: { WEB_DIST: edge.web.dir } });
  });
  afterAll(async () => {
    await edge.t?.close();
    if (edge.web) rmSync(edge.web.dir, { recursive: true, force: true });
  });
  return edge;
}
