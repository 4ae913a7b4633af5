/** installErrorHandler's shutdown drain, through a real listening server. */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from './http.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('closing a service', () => {
  it('lets the request in flight finish, then closes its connection without waiting out keep-alive', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/slow', async () => {
      await sleep(300);
      return { done: true };
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    // one keep-alive connection, busy with a request when close begins
    const inFlight = fetch(`${url}/slow`);
    await sleep(100);
    const started = Date.now();
    const closed = app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closed;
    // Fastify's keep-alive timeout is 72 s; the connection went as soon as it was idle
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
