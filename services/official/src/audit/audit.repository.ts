/** SQL for the audit log: entries are written by the changing service inside its own transaction. */
import type { DB, Kysely } from '@twopointo/db';
import { newId, type AuditLogChange } from '@twopointo/shared';

/** One change to record; `reason` comes from X-Audit-Log-Reason (or a ban's body). */
export interface AuditEntry {
  serverId: string;
  action: AuditAction;
  actorId: string;
  targetId?: string | null;
  reason?: string | null;
  changes?: AuditLogChange[];
}

/** Every action the log records (docs/API.md, "Audit log"). */
export const AUDIT_ACTIONS = [
  'server_update',
  'channel_create',
  'channel_update',
  'channel_delete',
  'channel_overwrite_update',
  'channel_overwrite_delete',
  'role_create',
  'role_update',
  'role_delete',
  'member_role_update',
  'member_update',
  'member_kick',
  'member_ban_add',
  'member_ban_remove',
  'invite_create',
  'invite_delete',
  'message_delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRow {
  id: string;
  action: string;
  actor_id: string;
  target_id: string | null;
  reason: string | null;
  changes: string;
  created_at: Date;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  before?: string;
  limit: number;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Writes one entry in `trx`: if it fails, the change it records rolls back with it. */
  async record(trx: Kysely<DB>, e: AuditEntry): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        id: newId(),
        server_id: e.serverId,
        action: e.action,
        actor_id: e.actorId,
        target_id: e.targetId ?? null,
        reason: e.reason ?? null,
        changes: JSON.stringify(e.changes ?? []),
      })
      .execute();
  }

  /** Newest first (ids are time-ordered), through the (server, action|actor, id) indexes. */
  list(serverId: string, f: AuditFilter): Promise<AuditRow[]> {
    let q = this.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'actor_id', 'target_id', 'reason', 'changes', 'created_at'])
      .where('server_id', '=', serverId);
    if (f.action !== undefined) q = q.where('action', '=', f.action);
    if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
    if (f.before !== undefined) q = q.where('id', '<', f.before);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  }
}

/** The changes between two states, for the keys that differ (JSON-comparable values). */
export function diff<T extends object>(before: T, after: Partial<T>, keys: readonly (keyof T & string)[]) {
  const out: AuditLogChange[] = [];
  for (const key of keys) {
    if (!(key in after)) continue;
    const old = before[key];
    const now = after[key];
    if (JSON.stringify(old) !== JSON.stringify(now)) out.push({ key, old, new: now });
  }
  return out;
}
