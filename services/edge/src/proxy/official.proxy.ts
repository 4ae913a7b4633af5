/** `/api/*` → Official `/*`, only with a valid access token (trust-rules.ts). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JwtVerifier } from '../auth/jwt-verifier.ts';
import { registerProxy } from './register-proxy.ts';
import { apiHeaders, checkApiCaller } from './trust-rules.ts';

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
    preHandler: (req: FastifyRequest) => checkApiCaller(req, opts.verifier),
    rewriteHeaders: (req, headers) => apiHeaders(req, headers, opts.internalSecret),
  });
}
