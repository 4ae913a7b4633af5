/** fetch against the Edge with the session's bearer token, one silent refresh-and-retry on 401. */
import { edgeUrl } from '../config.ts';
import { toApiError } from './api-error.ts';
import { session } from './auth-session.ts';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** use this token instead of the session's (the partial token of the 2FA step) */
  token?: string;
  /** send no Authorization header */
  anonymous?: boolean;
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(edgeUrl(path), {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}

/** Raw authorized response (for blobs); throws ApiError on failure. */
export async function apiResponse(path: string, opts: RequestOptions = {}): Promise<Response> {
  const useSession = !opts.anonymous && opts.token === undefined;
  const token = opts.anonymous ? null : (opts.token ?? (await session.getAccessToken()));
  let res = await send(path, opts, token);
  if (res.status === 401 && useSession) {
    res = await send(path, opts, await session.refresh());
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

/** JSON call; undefined for 204. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiResponse(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
