/** `/id/*` → Identity `/*`: no token check here (Identity checks its own), Authorization forwarded. */
import type { FastifyInstance } from 'fastify';
import { registerProxy } from './register-proxy.ts';
import { idHeaders } from './trust-rules.ts';

export async function registerIdentityProxy(
  app: FastifyInstance,
  opts: { upstream: string; bodyLimit: number },
): Promise<void> {
  await registerProxy(app, {
    prefix: '/id',
    upstream: opts.upstream,
    service: 'identity',
    bodyLimit: opts.bodyLimit,
    rewriteHeaders: (_req, headers) => idHeaders(headers),
  });
}
