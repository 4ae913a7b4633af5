/** JWKS, health and readiness, and the OpenAPI document. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import type { TokenService } from '../keys/token.service.ts';

export interface SystemRoutesOptions {
  tokens: TokenService;
  database: Database;
  cache: Cache;
}

const Status = Type.Object({ status: Type.String() });

export const systemRoutes: FastifyPluginAsyncTypebox<SystemRoutesOptions> = async (
  app,
  { tokens, database, cache },
) => {
  app.get('/.well-known/jwks.json', { schema: { tags: ['keys'] } }, async (_req, reply) =>
    // verifiers cache it; a key change needs a restart anyway
    reply.header('cache-control', 'public, max-age=300').send(tokens.jwks()),
  );

  app.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const [db, kv] = await Promise.all([database.ping(), cache.healthy().catch(() => false)]);
    if (db && kv) return reply.send({ status: 'ok' });
    const down = [!db && 'database', !kv && 'cache'].filter(Boolean).join(', ');
    return reply.status(503).send({ error: { code: 'unavailable', message: `Not ready: ${down}` } });
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
