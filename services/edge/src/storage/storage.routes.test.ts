import { request } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '@twopointo/server-kit';
import { LocalStorage, signStorageParams } from '@twopointo/storage';
import { storageRoutes } from './storage.routes.ts';

const SECRET = 'edge-storage-test-secret';
let dir: string;
let storage: LocalStorage;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-edge-storage-'));
  storage = new LocalStorage({ dir, signingSecret: SECRET });
  app = Fastify();
  installErrorHandler(app);
  // a JSON route beside it proves the raw-body parser stays inside the plugin
  app.post('/json', async (req) => ({ got: req.body }));
  await app.register(storageRoutes, { storage });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const put = (url: string, body: BodyInit, headers: Record<string, string>) =>
  fetch(base + url, { method: 'PUT', body, headers, duplex: 'half' } as RequestInit);
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const leftovers = async () => (await readdir(join(dir, '.tmp')).catch(() => [])).length;

describe('Edge local storage routes', () => {
  it('stores an upload and serves it back byte-identical with the signed headers', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const up = await storage.presignUpload('assets/1/a', 'image/png', bytes.length, 60);
    const res = await put(up.url, bytes, up.headers);
    expect(res.status).toBe(200);
    expect(await readFile(join(dir, 'assets/1/a'))).toEqual(bytes);

    const down = await fetch(
      base + (await storage.presignDownload('assets/1/a', 'ünïcode "x".png', 'image/png', 60)),
    );
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('image/png');
    expect(down.headers.get('content-length')).toBe(String(bytes.length));
    expect(down.headers.get('content-disposition')).toBe(
      `inline; filename="_n_code _x_.png"; filename*=UTF-8''%C3%BCn%C3%AFcode%20%22x%22.png`,
    );
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await down.arrayBuffer())).toEqual(bytes);

    const head = await fetch(base + (await storage.presignDownload('assets/1/a', 'a.png', 'image/png', 60)), {
      method: 'HEAD',
    });
    expect(head.status).toBe(200);
  });

  it('takes JSON and text bodies raw, whatever the declared type', async () => {
    const up = await storage.presignUpload('assets/2/json', 'application/json', 9, 60);
    expect((await put(up.url, '{"a": 1 }', up.headers)).status).toBe(200);
    expect(await readFile(join(dir, 'assets/2/json'), 'utf8')).toBe('{"a": 1 }');
    const json = await fetch(`${base}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await json.json()).toEqual({ got: { a: 1 } });
  });

  it('refuses a tampered, re-targeted or expired URL', async () => {
    const up = await storage.presignUpload('assets/3/a', 'text/plain', 5, 60);
    const bigger = up.url.replace('size=5', 'size=500');
    let res = await put(bigger, 'hello', up.headers);
    expect([res.status, await errorCode(res)]).toEqual([403, 'invalid_signature']);
    res = await put(up.url.replace('assets/3/a', 'assets/3/b'), 'hello', up.headers);
    expect([res.status, await errorCode(res)]).toEqual([403, 'invalid_signature']);
    res = await put(up.url.replace(/sig=[^&]+/, 'sig=AAAA'), 'hello', up.headers);
    expect([res.status, await errorCode(res)]).toEqual([403, 'invalid_signature']);
    res = await put('/storage/upload/assets/3/a', 'hello', up.headers);
    expect([res.status, await errorCode(res)]).toEqual([403, 'invalid_signature']);

    const old = signStorageParams(SECRET, 'PUT', 'assets/3/a', {
      exp: String(Math.floor(Date.now() / 1000) - 5),
      ct: 'text/plain',
      size: '5',
    });
    res = await put(`/storage/upload/assets/3/a?${old}`, 'hello', { 'content-type': 'text/plain' });
    expect([res.status, await errorCode(res)]).toEqual([403, 'url_expired']);

    // an upload URL does not download, and vice versa
    res = await fetch(base + up.url.replace('/upload/', '/download/'));
    expect([res.status, await errorCode(res)]).toEqual([403, 'invalid_signature']);
    expect(await storage.stat('assets/3/a')).toBeNull();
  });

  it('refuses an encoded path traversal', async () => {
    const q = signStorageParams(SECRET, 'PUT', '../evil', {
      exp: String(Math.floor(Date.now() / 1000) + 60),
      ct: 'text/plain',
      size: '1',
    });
    // fetch would normalise the dot segments away; send the raw path
    for (const path of [`/storage/upload/%2e%2e/evil?${q}`, `/storage/upload/../evil?${q}`]) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const r = request(
          base + path,
          { method: 'PUT', headers: { 'content-type': 'text/plain', 'content-length': '1' } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        r.on('error', reject);
        r.end('x');
      });
      // the router may not even match it; either way nothing is written
      expect(
        [
          [403, 'invalid_signature'],
          [404, 'unknown_route'],
        ],
        path,
      ).toContainEqual([status, JSON.parse(body).error.code]);
    }
    expect(await readdir(join(dir, '..'))).not.toContain('evil');
    expect(await readdir(dir)).not.toContain('evil');
  });

  it('requires the signed Content-Type', async () => {
    const up = await storage.presignUpload('assets/4/a', 'image/png', 3, 60);
    let res = await put(up.url, 'abc', { 'content-type': 'text/html' });
    expect([res.status, await errorCode(res)]).toEqual([400, 'content_type_mismatch']);
    res = await fetch(base + up.url, { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    expect([res.status, await errorCode(res)]).toEqual([400, 'content_type_mismatch']);
    expect(await storage.stat('assets/4/a')).toBeNull();
  });

  it('refuses more than the signed size, by header or by stream, leaving nothing behind', async () => {
    const up = await storage.presignUpload('assets/5/a', 'text/plain', 4, 60);
    let res = await put(up.url, 'too long', up.headers);
    expect([res.status, await errorCode(res)]).toEqual([413, 'upload_too_large']);

    // chunked, no Content-Length: caught while streaming
    const chunks = [Buffer.alloc(3, 97), Buffer.alloc(3, 98), Buffer.alloc(64 * 1024, 99)];
    const stream = new ReadableStream({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    res = await put(up.url, stream, up.headers);
    expect([res.status, await errorCode(res)]).toEqual([413, 'upload_too_large']);
    expect(await storage.stat('assets/5/a')).toBeNull();
    expect(await leftovers()).toBe(0);

    // a smaller body is stored (complete then reports the size mismatch)
    expect((await put(up.url, 'ab', up.headers)).status).toBe(200);
    expect((await storage.stat('assets/5/a'))?.size).toBe(2);
  });

  it('answers 404 for a signed download of a missing object', async () => {
    const res = await fetch(
      base + (await storage.presignDownload('assets/6/none', 'x.txt', 'text/plain', 60)),
    );
    expect([res.status, await errorCode(res)]).toEqual([404, 'unknown_object']);
  });

  it('registers nothing for S3 storage', async () => {
    const other = Fastify();
    await other.register(storageRoutes, { storage: { kind: 's3' } as never });
    await other.ready();
    expect(other.hasRoute({ method: 'PUT', url: '/storage/upload/*' })).toBe(false);
    await other.close();
  });
});
