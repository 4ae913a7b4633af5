/** Reading the audit log: VIEW_AUDIT_LOG, newest first, filtered by action, actor and id cursor. */
import { Permissions, type AuditLogEntry } from '@twopointo/shared';
import { iso } from '../http/present.ts';
import type { Actor } from '../http/trust.ts';
import type { AuditRepository, AuditRow } from './audit.repository.ts';

const present = (r: AuditRow): AuditLogEntry => ({
  id: r.id,
  action: r.action,
  actor_id: r.actor_id,
  target_id: r.target_id,
  reason: r.reason,
  changes: JSON.parse(r.changes) as AuditLogEntry['changes'],
  created_at: iso(r.created_at),
});

export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async list(
    actor: Actor,
    serverId: string,
    q: { action?: string; actor_id?: string; before?: string; limit?: number },
  ): Promise<AuditLogEntry[]> {
    await actor.access.requirePermission(serverId, Permissions.VIEW_AUDIT_LOG);
    const rows = await this.repo.list(serverId, {
      action: q.action,
      actorId: q.actor_id,
      before: q.before,
      limit: q.limit ?? 50,
    });
    return rows.map(present);
  }
}
