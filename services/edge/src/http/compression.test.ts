/** Bytes on the wire: the web client precompressed, JSON over 1 KiB compressed, source maps off by default. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startTestEdge } from '../test/harness.ts';
import { rawRequest, useWebEdge } from '../test/raw-http.ts';
import { COMPRESS_THRESHOLD } from './compression.ts';

describe('edge compression', () => {
  const edge = useWebEdge();

  it('serves the bundle precompressed by Accept-Encoding, brotli first, with Vary', async () => {
    const plain = await rawRequest(edge.t.url + edge.web.script);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(edge.web.scriptBytes)).toBe(true);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const br = await rawRequest(edge.t.url + edge.web.script, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(edge.web.scriptBytes.length / 10);
    expect(brotliDecompressSync(br.body).equals(edge.web.scriptBytes)).toBe(true);

    const gz = await rawRequest(edge.t.url + edge.web.script, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(edge.web.scriptBytes)).toBe(true);
  });

  it('never serves the compressed twins or the source map by name (WEB_SOURCEMAPS off)', async () => {
    for (const path of [`${edge.web.script}.map`, `${edge.web.script}.br`, `${edge.web.script}.gz`]) {
      const res = await rawRequest(edge.t.url + path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(JSON.parse(res.body.toString())).toMatchObject({ error: { code: 'unknown_route' } });
    }
  });

  it('WEB_SOURCEMAPS=on serves the source map', async () => {
    const withMaps = await startTestEdge({
      overrides: { WEB_DIST: edge.web.dir, WEB_SOURCEMAPS: 'on' },
      identity: edge.t.identity,
      official: edge.t.official,
      kit: edge.t.kit,
    });
    try {
      const res = await rawRequest(`${withMaps.url}${edge.web.script}.map`);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString())).toMatchObject({ version: 3 });
    } finally {
      await withMaps.close();
    }
  });

  it('compresses a proxied JSON answer over the threshold and leaves a small one alone', async () => {
    // the fake Identity echoes the request back as JSON, so the body's size sets the answer's
    const big = await rawRequest(`${edge.t.url}/id/echo`, {
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

    const small = await rawRequest(`${edge.t.url}/id/echo`, {
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
    const res = await rawRequest(`${edge.t.url}/metrics`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toContain('edge_gateway_sockets');
  });
});
