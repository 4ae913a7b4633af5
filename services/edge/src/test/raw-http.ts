/**
 * Test-only: HTTP as it goes over the wire (fetch would inflate bodies and hide the bytes sent),
 * and a throw-away built web client to serve.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

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
