/** /healthz, /readyz, /openapi.json: open to anyone who can reach the port (no secret); not in the public document. */
import { Type } from '@fastify/type-provider-typebox';
import type { EventBus } from '@twopointo/bus';
import type { Database } from '@twopointo/db';
import type { OfficialApp } from './types.ts';

export function registerSystemRoutes(app: OfficialApp, deps: { database: Database; bus: EventBus }): void {
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
        description: '200 when the database and the bus answer, 503 otherwise',
        response: {
          200: Type.Object({ status: Type.String(), database: Type.Boolean(), bus: Type.Boolean() }),
          503: Type.Object({ status: Type.String(), database: Type.Boolean(), bus: Type.Boolean() }),
        },
      },
    },
    async (_req, reply) => {
      const [database, bus] = await Promise.all([
        deps.database.ping(),
        deps.bus.healthy().catch(() => false),
      ]);
      const ok = database && bus;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database, bus });
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
