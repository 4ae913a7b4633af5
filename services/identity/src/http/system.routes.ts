/** /healthz, /readyz and the OpenAPI document. */
import { Type } from '@fastify/type-provider-typebox';
import type { Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import type { IdentityApp } from './types.ts';

const Status = Type.Object({ status: Type.String() });

export function registerSystemRoutes(app: IdentityApp, deps: { database: Database; cache: Cache }): void {
  app.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const [db, kv] = await Promise.all([deps.database.ping(), deps.cache.healthy().catch(() => false)]);
    if (db && kv) return reply.send({ status: 'ok' });
    const down = [!db && 'database', !kv && 'cache'].filter(Boolean).join(', ');
    return reply.status(503).send({ error: { code: 'unavailable', message: `Not ready: ${down}` } });
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
