import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { session } from './auth-session.ts';
import { official } from './endpoints.ts';

let calls: { url: string; method: string; authorization?: string; body?: unknown }[];

beforeEach(() => {
  calls = [];
  session.setTokens({ access_token: 'old', refresh_token: 'r1', token_type: 'Bearer', expires_in: 900 });
});
afterEach(() => {
  vi.unstubAllGlobals();
  session.clear();
});

function edge(answer: (url: string, auth: string | undefined) => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      calls.push({
        url,
        method: init.method ?? 'GET',
        authorization: headers.authorization,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      return answer(url, headers.authorization);
    }),
  );
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the generated clients against the Edge', () => {
  it('send the bearer token to the path the document names, with typed path and query parameters', async () => {
    edge(() => json(200, { messages: [], has_more: false }));
    expect(await official.messages('42', '7', 20)).toEqual({ messages: [], has_more: false });
    expect(calls).toEqual([
      {
        url: expect.stringMatching(/\/api\/channels\/42\/messages\?limit=20&before=7$/),
        method: 'GET',
        authorization: 'Bearer old',
        body: undefined,
      },
    ]);
  });

  it('refresh once on 401 and retry with the new token', async () => {
    edge((url, auth) => {
      if (url.endsWith('/id/auth/refresh'))
        return json(200, { access_token: 'new', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 });
      return auth === 'Bearer new'
        ? json(201, { id: '1', name: 'x' })
        : json(401, { error: { code: 'unauthorized', message: 'expired' } });
    });
    expect(await official.createServer('x')).toEqual({ id: '1', name: 'x' });
    expect(calls.map((c) => [c.url.replace(/^.*?(\/(api|id)\/)/, '$1'), c.authorization, c.body])).toEqual([
      ['/api/servers', 'Bearer old', { name: 'x' }],
      ['/id/auth/refresh', undefined, { refresh_token: 'r1' }],
      ['/api/servers', 'Bearer new', { name: 'x' }],
    ]);
  });

  it('turn an error body into an ApiError with status, code and message; 204 is undefined', async () => {
    edge((url) =>
      url.endsWith('/typing')
        ? new Response(null, { status: 204 })
        : json(403, { error: { code: 'missing_permission', message: 'Missing permission SEND_MESSAGES' } }),
    );
    expect(await official.typing('5')).toBeUndefined();
    const err = await official.sendMessage('5', { content: 'hi' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 403,
      code: 'missing_permission',
      message: 'Missing permission SEND_MESSAGES',
    });
  });
});
