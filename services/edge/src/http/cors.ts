/**
 * CORS for the web origins in DEV_ALLOWED_ORIGINS. An OPTIONS that is not a preflight (no
 * Origin or no Access-Control-Request-Method) is answered in the error format here, before
 * @fastify/cors would answer it in plain text.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@twopointo/shared';

export async function registerCors(app: FastifyInstance, origins: string[]): Promise<void> {
  // registered before the plugin, so this onRequest hook runs before its preflight handling
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'OPTIONS') return;
    if (req.headers.origin === undefined || req.headers['access-control-request-method'] === undefined)
      throw new AppError(
        400,
        'bad_request',
        'OPTIONS is only for CORS preflight requests (Origin and Access-Control-Request-Method)',
      );
  });
  await app.register(cors, {
    origin: origins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    // X-Audit-Log-Reason: the reason a moderator gives for a change (Official's audit log)
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Audit-Log-Reason'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
}
