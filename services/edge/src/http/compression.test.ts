/** Bytes on the wire: the web client precompressed, JSON over 1 KiB compressed, source maps off by default. */
import { rmSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from '../test/harness.ts';
import { makeWebDist, rawRequest, type FakeWebDist } from '../test/raw-http.ts';
import { COMPRESS_THRESHOLD } from './compression.ts';

describe('edge compression', () => {
  let web: FakeWebDist;
  let t: TestEdge;

  beforeAll(async () => {
    web = makeWebDist();
    t = await startTestEdge({ overrides: { WEB_DIST: web.dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(web.dir, { recursive: true, force: true });
  });

  it('serves the bundle precompressed by Accept-Encoding, brotli first, with Vary', async () => {
    const plain = await rawRequest(t.url + web.script);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(web.scriptBytes)).toBe(true);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const br = await rawRequest(t.url + web.script, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(web.scriptBytes.length / 10);
    expect(brotliDecompressSync(br.body).equals(web.scriptBytes)).toBe(true);

    const gz = await rawRequest(t.url + web.script, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(web.scriptBytes)).toBe(true);
  });

  it('never serves the compressed twins or the source map by name (WEB_SOURCEMAPS off)', async () => {
    for (const path of [`${web.script}.map`, `${web.script}.br`, `${web.script}.gz`]) {
      const res = await rawRequest(t.url + path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(JSON.parse(res.body.toString())).toMatchObject({ error: { code: 'unknown_route' } });
    }
  });

  it('WEB_SOURCEMAPS=on serves the source map', async () => {
    const withMaps = await startTestEdge({
      overrides: { WEB_DIST: web.dir, WEB_SOURCEMAPS: 'on' },
      identity: t.identity,
      official: t.official,
      kit: t.kit,
    });
    try {
      const res = await rawRequest(`${withMaps.url}${web.script}.map`);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString())).toMatchObject({ version: 3 });
    } finally {
      await withMaps.close();
    }
  });

  it('compresses a proxied JSON answer over the threshold and leaves a small one alone', async () => {
    // the fake Identity echoes the request back as JSON, so the body's size sets the answer's
    const big = await rawRequest(`${t.url}/id/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'accept-encoding': 'gzip, br' },
      body: 'x'.repeat(4 * COMPRESS_THRESHOLD),
    });
    expect(big.status).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers.vary).toMatch(/accept-encoding/i);
    expect(big.body.length).toBeLessThan(COMPRESS_THRESHOLD);
    const echoed = JSON.parse(brotliDecompressSync(big.body).toString()) as { body: string };
    expect(echoed.body).toHaveLength(4 * COMPRESS_THRESHOLD);

    const small = await rawRequest(`${t.url}/id/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'accept-encoding': 'gzip, br' },
      body: 'x',
    });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(Number(small.headers['content-length'])).toBe(small.body.length);
    expect(JSON.parse(small.body.toString())).toMatchObject({ body: 'x' });
  });

  it("compresses the Edge's own answers over the threshold (/metrics)", async () => {
    const res = await rawRequest(`${t.url}/metrics`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toContain('edge_gateway_sockets');
  });
});
