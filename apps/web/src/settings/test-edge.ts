/** A fake Edge for the settings tests: answers by "METHOD /path" and records what was sent. */
import { vi } from 'vitest';

export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

export function fakeEdge(answers: Record<string, { status: number; body?: unknown }>) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const path = new URL(url).pathname;
      const method = init.method ?? 'GET';
      sent.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const answer = answers[`${method} ${path}`] ?? {
        status: 404,
        body: { error: { code: 'unknown_route', message: 'no such route' } },
      };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return sent;
}

export const apiError = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
});
