/**
 * The Edge's trust rules for `/api` and `/id`, in one place for both ways of reaching the
 * services: the proxy (a separate process) and the in-process mount (the all-in-one). Who may
 * call, what the caller's headers may claim, which paths never leave the Edge.
 */
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '@twopointo/server-kit';
import { AppError, tooLarge } from '@twopointo/shared';
import type { JwtVerifier } from '../auth/jwt-verifier.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the verified caller of an /api request */
    userId: string;
  }
}

export type Headers = Record<string, string | string[] | undefined>;

/** Methods the API uses; OPTIONS is answered by CORS at the Edge, never passed on. */
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The services' operational paths: for their operators (scrapers, probes), never for clients. */
const OPERATIONAL = /^\/(metrics|healthz|readyz)\/?$/i;

/** The path under the prefix as the service's router will read it (%-escapes decoded). */
function servicePath(url: string, prefix: string): string {
  const raw = (url.split('?')[0] ?? '').slice(prefix.length);
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** 404 for a service's operational path asked for under its public prefix. */
export function refuseOperational(req: FastifyRequest, prefix: string): void {
  if (OPERATIONAL.test(servicePath(req.url, prefix)))
    throw new AppError(404, 'unknown_route', `No route ${req.method} ${req.url.split('?')[0]}`);
}

/** 413 when the declared Content-Length is over the limit (checked before the token, as ever). */
export function refuseDeclaredTooLarge(req: FastifyRequest, limit: number): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(`Request body over ${limit} bytes`);
}

/**
 * The only /api reads a signed-out visitor may make, GET (and HEAD) only: public images (avatars,
 * icons, fetched by <img> like from a CDN) and an invite's preview (server name, icon, member
 * count), so a link can be shown before signing in. Official marks the same routes anonymous.
 */
const PUBLIC_READS = [/^\/api\/images\/[0-9]{1,19}\/[0-9]{1,4}$/, /^\/api\/invites\/[0-9A-Za-z]{1,64}$/];
const isPublicRead = (req: FastifyRequest): boolean => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0] ?? '';
  return PUBLIC_READS.some((re) => re.test(path));
};

/** /api: the access token is checked (401 otherwise) unless the request is a public read. */
export async function checkApiCaller(req: FastifyRequest, verifier: JwtVerifier): Promise<void> {
  if (isPublicRead(req)) return;
  const { sub } = await verifier.verify(bearerToken(req.headers.authorization));
  req.userId = sub;
}

/**
 * /api: what Official receives. The caller's identity travels as `x-user-id` next to the
 * internal secret; whatever the client sent under those names, and its Authorization header,
 * never reach Official.
 */
export function apiHeaders(req: FastifyRequest, headers: Headers, internalSecret: string): Headers {
  delete headers.authorization;
  // no x-user-id on a public read: Official serves those routes to anyone
  if (req.userId) headers['x-user-id'] = req.userId;
  else delete headers['x-user-id'];
  headers['x-internal-secret'] = internalSecret;
  return headers;
}

/** /id: no token check here (Identity checks its own), Authorization passed on. */
export function idHeaders(headers: Headers): Headers {
  // these mean something only between the Edge and Official
  delete headers['x-user-id'];
  delete headers['x-internal-secret'];
  return headers;
}
