import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '@twopointo/server-kit';
import { sendChunked } from '../test/chunked.ts';
import { registerProxy } from './register-proxy.ts';

describe('registerProxy body limit with a slow guard', () => {
  // The guard (the Edge's token check) runs after the body parser, so a chunked body can cross the
  // limit before the proxy has started reading it.
  let upstream: FastifyInstance;
  let app: FastifyInstance;
  let url: string;
  const forwarded: string[] = [];
  const unhandled: unknown[] = [];
  const onUncaught = (err: unknown) => unhandled.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    upstream = Fastify({ logger: false });
    upstream.removeAllContentTypeParsers();
    upstream.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    upstream.addHook('onRequest', async (req) => {
      forwarded.push(req.url);
    });
    upstream.post('/echo', async (req) => ({ body: req.body }));
    const upstreamUrl = await upstream.listen({ port: 0, host: '127.0.0.1' });
    app = Fastify({ logger: false });
    installErrorHandler(app);
    await registerProxy(app, {
      prefix: '/up',
      upstream: upstreamUrl,
      service: 'test',
      bodyLimit: 1024,
      preHandler: () => sleep(150),
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await app.close();
    await upstream.close();
  });

  it('a body that crosses the limit while the guard runs → 413, not forwarded, no stray error', async () => {
    forwarded.length = 0;
    const res = await sendChunked(`${url}/up/echo`, [Buffer.alloc(800, 1), Buffer.alloc(800, 1)]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    expect(forwarded).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('a body that crosses the limit after forwarding began → 413, no stray error', async () => {
    const res = await sendChunked(`${url}/up/echo`, [Buffer.alloc(600, 1), Buffer.alloc(600, 1)], {
      gapMs: 400,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    expect(unhandled).toEqual([]);
  });

  it('a chunked body under the limit still arrives whole', async () => {
    const res = await sendChunked(`${url}/up/echo`, ['a'.repeat(500), 'b'.repeat(500)], { gapMs: 50 });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).body).toBe('a'.repeat(500) + 'b'.repeat(500));
  });
});
