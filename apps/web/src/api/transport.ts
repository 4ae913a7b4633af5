/**
 * The bottom of the API clients: how a generated client's Request goes out (through the global
 * fetch, read at call time), the tokenless Identity client, and turning a result into data or an
 * ApiError. The session's own calls (refresh, logout) use only this, so it imports no session.
 */
import createClient from 'openapi-fetch';
import { edgeUrl } from '../config.ts';
import { apiErrorOf } from './api-error.ts';
import type { paths as IdentityPaths } from './schema/identity';

/** Sends a Request as url + init, with `token` as the bearer token when given. */
export async function send(req: Request, token: string | null): Promise<Response> {
  const headers = new Headers(req.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const body = req.body === null ? undefined : await req.clone().text();
  return fetch(req.url, { method: req.method, headers: Object.fromEntries(headers), body });
}

/** Identity's public operations (register, login, refresh), or calls that bring their own header. */
export const publicIdentityClient = createClient<IdentityPaths>({
  baseUrl: edgeUrl('/id'),
  fetch: (req: Request) => send(req, null),
});

/** An `authorization` header for a call made with a token other than the session's. */
export const withToken = (token: string) => ({ authorization: `Bearer ${token}` });

/** The data of a successful call; an ApiError with the server's code and message otherwise. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorOf(response, error);
  return data as T;
}
