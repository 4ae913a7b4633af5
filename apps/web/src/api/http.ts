/**
 * The typed API clients, generated from the OpenAPI documents (apps/web/src/api/schema), against
 * the Edge: `/id` for Identity, `/api` for Official (the documents' `servers`). Calls carry the
 * session's bearer token with one silent refresh-and-retry on 401, unless they bring their own
 * `authorization` header (the partial token of the 2FA step).
 */
import createClient from 'openapi-fetch';
import { edgeUrl } from '../config.ts';
import { toApiError } from './api-error.ts';
import { session } from './auth-session.ts';
import type { paths as IdentityPaths } from './schema/identity';
import type { paths as OfficialPaths } from './schema/official';
import { send } from './transport.ts';

export { ok, publicIdentityClient, withToken } from './transport.ts';

/** fetch with the session's token unless the request has its own; on 401, refresh once and retry. */
async function sessionFetch(req: Request): Promise<Response> {
  if (req.headers.has('authorization')) return send(req, null);
  const res = await send(req, await session.getAccessToken());
  if (res.status !== 401) return res;
  return send(req, await session.refresh());
}

/** Identity as the signed-in user (or with an explicit `authorization` header). */
export const identityClient = createClient<IdentityPaths>({ baseUrl: edgeUrl('/id'), fetch: sessionFetch });
/** Official as the signed-in user. */
export const officialClient = createClient<OfficialPaths>({ baseUrl: edgeUrl('/api'), fetch: sessionFetch });

/**
 * Raw authorized GET of a URL the server handed out (an attachment's `/api/assets/:aid`), for
 * its bytes; throws ApiError on failure.
 */
export async function apiResponse(url: string): Promise<Response> {
  const res = await sessionFetch(new Request(edgeUrl(url)));
  if (!res.ok) throw await toApiError(res);
  return res;
}
