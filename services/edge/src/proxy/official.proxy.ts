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

/** Public images (avatars, icons) are fetched by <img> without a token, like from a CDN. */
const PUBLIC_IMAGE = /^\/api\/images\/[0-9]{1,19}\/[0-9]{1,4}$/;
const isPublicImage = (req: FastifyRequest) =>
  (req.method === 'GET' || req.method === 'HEAD') && PUBLIC_IMAGE.test(req.url.split('?')[0] ?? '');

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
      if (isPublicImage(req)) return;
      const { sub } = await opts.verifier.verify(bearerToken(req.headers.authorization));
      req.userId = sub;
    },
    rewriteHeaders: (req, headers) => {
      delete headers.authorization;
      // no x-user-id on a public image: Official serves those routes to anyone
      if (req.userId) headers['x-user-id'] = req.userId;
      else delete headers['x-user-id'];
      headers['x-internal-secret'] = opts.internalSecret;
      return headers;
    },
  });
}
