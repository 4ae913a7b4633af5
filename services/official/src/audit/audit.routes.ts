/** /servers/:sid/audit-log */
import { Type } from '@fastify/type-provider-typebox';
import { AuditLogEntry } from '@twopointo/shared';
import { errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerParams } from '../servers/server.schema.ts';
import { AuditLogQuery } from './audit.schema.ts';
import type { AuditService } from './audit.service.ts';

export function registerAuditRoutes(app: OfficialApp, audit: AuditService): void {
  app.get(
    '/servers/:sid/audit-log',
    {
      schema: {
        tags: ['audit-log'],
        operationId: 'listAuditLog',
        summary: "Read a server's audit log, newest first (VIEW_AUDIT_LOG)",
        params: ServerParams,
        querystring: AuditLogQuery,
        response: { 200: Type.Object({ entries: Type.Array(AuditLogEntry) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ entries: await audit.list(actorOf(req), req.params.sid, req.query) }),
  );
}
