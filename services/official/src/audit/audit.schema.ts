/** Request schema for the audit-log route. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';
import { AUDIT_ACTIONS } from './audit.repository.ts';

export const AuditLogQuery = Type.Object({
  action: Type.Optional(
    Type.Union(
      AUDIT_ACTIONS.map((a) => Type.Literal(a)),
      { description: 'only entries of this action' },
    ),
  ),
  actor_id: Type.Optional(IdInput),
  before: Type.Optional(IdInput),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
