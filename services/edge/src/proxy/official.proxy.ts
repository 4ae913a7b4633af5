/**
 * `/api/*` → Official `/*`, only with a valid access token. The caller's identity travels as
 * `x-user-id` next to the internal secret; whatever the client sent under those names, and its
 * Authorization header, never reach Official.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken } from '@twopointo/server-kit';
import type { JwtVerifier } from '../auth/jwt-verifier.ts';
import { registerProxy } from './register-proxy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the verified caller of an /api request */
    userId: string;
  }
}

/**
 * The only /api reads a signed-out visitor may make, GET (and HEAD) only: public images (avatars,
 * icons, fetched by <img> like from a CDN) and an invite's preview (server name, icon, member
 * count), so a link can be shown before signing in. Official marks the same routes anonymous.
 */
const PUBLIC_READS = [/^\/api\/images\/[0-9]{1,19}\/[0-9]{1,4}$/, /^\/api\/invites\/[0-9A-Za-z]{1,64}$/];
const isPublicRead = (req: FastifyRequest) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0] ?? '';
  return PUBLIC_READS.some((re) => re.test(path));
};

export interface OfficialProxyOptions {
  upstream: string;
  bodyLimit: number;
  verifier: JwtVerifier;
  internalSecret: string;
}

export async function registerOfficialProxy(app: FastifyInstance, opts: OfficialProxyOptions): Promise<void> {
  if (!app.hasRequestDecorator('userId')) app.decorateRequest('userId', '');
  await registerProxy(app, {
    prefix: '/api',
    upstream: opts.upstream,
    service: 'official',
    bodyLimit: opts.bodyLimit,
    preHandler: async (req: FastifyRequest) => {
      if (isPublicRead(req)) return;
      const { sub } = await opts.verifier.verify(bearerToken(req.headers.authorization));
      req.userId = sub;
    },
    rewriteHeaders: (req, headers) => {
      delete headers.authorization;
      // no x-user-id on a public read: Official serves those routes to anyone
      if (req.userId) headers['x-user-id'] = req.userId;
      else delete headers['x-user-id'];
      headers['x-internal-secret'] = opts.internalSecret;
      return headers;
    },
  });
}
