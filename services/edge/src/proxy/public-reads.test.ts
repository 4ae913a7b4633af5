import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EchoBody } from '../test/fake-upstream.ts';
import { startTestEdge, TEST_SECRET, type TestEdge } from '../test/harness.ts';

// The one deliberate opening of /api without a token besides public images: an invite's preview.
describe('edge: signed-out reads under /api', () => {
  let t: TestEdge;
  beforeAll(async () => {
    t = await startTestEdge();
  });
  afterAll(() => t.close());

  const get = (path: string, init: RequestInit = {}) => fetch(`${t.url}${path}`, init);

  it('GET /api/invites/:code without a token is forwarded with the secret and no x-user-id', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await get('/api/invites/AbC123xyz9', {
        method,
        headers: { 'x-user-id': '42' },
      });
      expect(res.status).toBe(200);
      if (method === 'HEAD') continue;
      const echo = (await res.json()) as EchoBody;
      expect(echo.url).toBe('/invites/AbC123xyz9');
      expect(echo.headers['x-internal-secret']).toBe(TEST_SECRET);
      // whatever the client claims, no identity travels on a public read
      expect(echo.headers['x-user-id']).toBeUndefined();
    }
  });

  it.each([
    ['POST', '/api/invites/AbC123xyz9/accept'],
    ['DELETE', '/api/invites/AbC123xyz9'],
    ['PUT', '/api/invites/AbC123xyz9'],
    ['GET', '/api/invites/AbC123xyz9/accept'],
    ['GET', '/api/invites/a%2Fb'],
    ['GET', '/api/invites/..%2Fservers'],
    ['GET', '/api/invites/'],
    ['GET', '/api/servers/1/invites'],
    ['GET', '/api/servers'],
  ])('%s %s without a token → 401, never forwarded', async (method, path) => {
    const res = await get(path, { method });
    expect(res.status).toBe(401);
  });
});
