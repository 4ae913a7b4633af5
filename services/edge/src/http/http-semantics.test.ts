/**
 * HTTP semantics at the Edge: 405 with Allow, a bare OPTIONS and what Node's parser refuses in the
 * error format, and HEAD through the proxies keeping the connection open.
 */
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from '../test/harness.ts';
import { rawRequest } from '../test/raw-http.ts';

/** Writes raw bytes and reads until the Edge closes the connection. */
function sendRaw(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** Status and JSON body of a raw HTTP answer. */
function parse(answer: string): { status: number; contentType: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '',
    body: JSON.parse(body),
  };
}

describe('edge HTTP semantics', () => {
  let t: TestEdge;

  beforeAll(async () => {
    t = await startTestEdge();
  });
  afterAll(() => t?.close());

  it('a known path with the wrong method is 405 with Allow, an unknown path stays 404', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${t.url}/healthz`, { method });
      expect([method, res.status, res.headers.get('allow')]).toEqual([method, 405, 'GET, HEAD']);
      expect(await res.json()).toEqual({
        error: { code: 'method_not_allowed', message: `${method} is not allowed on /healthz` },
      });
    }
    expect((await fetch(`${t.url}/readyz?x=1`, { method: 'POST' })).status).toBe(405);
    const unknown = await fetch(`${t.url}/no/such/path`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_route' } });
  });

  it('a bare OPTIONS gets the error format; a real preflight still passes', async () => {
    const bare = await fetch(`${t.url}/api/me/servers`, { method: 'OPTIONS' });
    expect(bare.status).toBe(400);
    expect(bare.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await bare.json()).toMatchObject({ error: { code: 'bad_request' } });

    const preflight = await fetch(`${t.url}/api/me/servers`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it.each([
    [
      'headers over the limit',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    ['a URL over the limit', `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
    [
      'a malformed header line',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n',
      400,
      'bad_request',
    ],
    ['a malformed request line', 'GET\r\n\r\n', 400, 'bad_request'],
  ])('%s: %i in the error format', async (_what, bytes, status, code) => {
    const answer = parse(await sendRaw(t.url, bytes));
    expect(answer.status).toBe(status);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({ error: { code } });
  });

  it('HEAD through a proxy keeps the client connection alive', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await rawRequest(`${t.url}/id/some/path`, { method: 'HEAD', agent });
      expect(first.status).toBe(200);
      expect(first.headers.connection).not.toBe('close');
      const second = await rawRequest(`${t.url}/id/some/path`, { method: 'HEAD', agent });
      expect(second.status).toBe(200);
      expect(second.reusedSocket).toBe(true);
      const get = await rawRequest(`${t.url}/id/some/path`, { agent });
      expect(get.reusedSocket).toBe(true);
      expect(JSON.parse(get.body.toString())).toMatchObject({ method: 'GET', url: '/some/path' });
    } finally {
      agent.destroy();
    }
  });
});
