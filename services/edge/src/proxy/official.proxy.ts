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
      const { sub } = await opts.verifier.verify(bearerToken(req.headers.authorization));
      req.userId = sub;
    },
    rewriteHeaders: (req, headers) => {
      delete headers.authorization;
      headers['x-user-id'] = req.userId;
      headers['x-internal-secret'] = opts.internalSecret;
      return headers;
    },
  });
}
