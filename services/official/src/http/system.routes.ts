/** /healthz, /readyz, /openapi.json: open to anyone who can reach the port (no secret); not in the public document. */
import { Type } from '@fastify/type-provider-typebox';
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import type { OfficialApp } from './types.ts';

const Readiness = Type.Object({
  status: Type.String(),
  database: Type.Boolean(),
  bus: Type.Boolean(),
  cache: Type.Boolean(),
});

/** A dependency's own health check; one that throws is as down as one that says so. */
const answers = (check: () => Promise<boolean>): Promise<boolean> => check().catch(() => false);

export function registerSystemRoutes(
  app: OfficialApp,
  deps: { database: Database; bus: EventBus; cache: Cache },
): void {
  const tags = ['system'];
  app.get(
    '/healthz',
    { schema: { tags, hide: true, response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({
      status: 'ok' as const,
    }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        hide: true,
        description: '200 when the database, the bus and the cache answer, 503 otherwise',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_req, reply) => {
      const [database, bus, cache] = await Promise.all([
        answers(() => deps.database.ping()),
        answers(() => deps.bus.healthy()),
        answers(() => deps.cache.healthy()),
      ]);
      const ok = database && bus && cache;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database, bus, cache });
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
