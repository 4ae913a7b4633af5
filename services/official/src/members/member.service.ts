/**
 * Member rules: members see the member list; anyone but the owner may leave; KICK_MEMBERS
 * removes members ranked below the caller; nicknames (own with CHANGE_NICKNAME, others' with
 * MANAGE_NICKNAMES) and timeouts (MODERATE_MEMBERS) obey the hierarchy too.
 */
import type { Cache } from '@twopointo/cache';
import { Permissions, badRequest, forbidden, hasPermission, notFound, type Member } from '@twopointo/shared';
import type { AccessRepository } from '../access/access.repository.ts';
import type { ServerAccess } from '../access/access.service.ts';
import { requireMemberBelow, targetMember } from '../access/hierarchy.ts';
import { missingPermission } from '../access/permission-set.ts';
import type { AuditLogChange } from '@twopointo/shared';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { emitMemberUpdate } from './member-events.ts';
import { presentMember } from './member.presenter.ts';
import type { MemberPatch, MemberRepository } from './member.repository.ts';
import { onlineUsers } from './presence.ts';

/** Discord's longest timeout. */
export const MAX_TIMEOUT_MS = 28 * 24 * 3600 * 1000;
export const MAX_NICK = 32;

export interface UpdateMemberInput {
  nick?: string | null;
  communication_disabled_until?: string | null;
}

export class MemberService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly tx: Transactor,
    private readonly cache: Cache,
    private readonly accessRepo: AccessRepository,
    private readonly audit: AuditRepository,
  ) {}

  private readonly online = (ids: string[]) => onlineUsers(this.cache, ids);

  async list(actor: Actor, serverId: string): Promise<Member[]> {
    await actor.access.requireServerMember(serverId);
    const rows = await this.repo.list(serverId);
    const online = await this.online(rows.map((r) => r.user_id));
    return rows.map((r) => presentMember(r, online.has(r.user_id)));
  }

  /** Leave (self) or kick (KICK_MEMBERS, a member ranked below the caller). */
  async remove(actor: Actor, serverId: string, userId: string): Promise<void> {
    const access = await actor.access.requireServerMember(serverId);
    const self = userId === actor.id;
    if (self) {
      if (access.isOwner)
        throw badRequest('owner_cannot_leave', 'The owner cannot leave; delete the server instead');
    } else {
      await actor.access.requirePermission(serverId, Permissions.KICK_MEMBERS);
      if (userId === access.server.owner_id)
        throw forbidden('The owner cannot be kicked', 'cannot_kick_owner');
      const target = await targetMember(this.accessRepo, access, userId);
      if (!target) throw notFound('member');
      requireMemberBelow(access, target.rank);
    }
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.remove(trx, serverId, userId))) throw notFound('member');
      if (!self)
        await this.audit.record(trx, {
          serverId,
          action: 'member_kick',
          actorId: actor.id,
          targetId: userId,
          reason: actor.reason,
        });
      await emit('MEMBER_LEAVE', serverId, { server_id: serverId, user_id: userId });
    });
  }

  /** Nickname and/or timeout; MEMBER_UPDATE when anything changed. */
  async update(actor: Actor, serverId: string, userId: string, body: UpdateMemberInput): Promise<Member> {
    const access = await actor.access.requireServerMember(serverId);
    const patch: MemberPatch = {};
    const self = userId === actor.id;
    if (body.nick !== undefined) {
      const nick = body.nick?.trim() ?? '';
      if (nick.length > MAX_NICK)
        throw badRequest('invalid_input', `body.nick: at most ${MAX_NICK} characters`);
      patch.nick = nick === '' ? null : nick;
      requireNickPermission(access, self);
    }
    if (body.communication_disabled_until !== undefined) {
      patch.communication_disabled_until = parseTimeout(body.communication_disabled_until);
      await actor.access.requirePermission(serverId, Permissions.MODERATE_MEMBERS);
    }
    if (Object.keys(patch).length === 0)
      throw badRequest('invalid_input', 'body: give nick or communication_disabled_until');
    const before = await this.repo.find(serverId, userId);
    if (!before) throw notFound('member');
    // renaming oneself needs no rank; renaming or timing out another does
    if (!self || patch.communication_disabled_until !== undefined) {
      const target = await targetMember(this.accessRepo, access, userId);
      if (!target) throw notFound('member');
      requireMemberBelow(access, target.rank);
      if (patch.communication_disabled_until && target.admin)
        throw forbidden('A member with ADMINISTRATOR cannot be timed out', 'cannot_timeout_admin');
    }
    const changes: AuditLogChange[] = [];
    if (patch.nick !== undefined && patch.nick !== before.nick)
      changes.push({ key: 'nick', old: before.nick, new: patch.nick });
    if (patch.communication_disabled_until !== undefined) {
      const old = presentMember(before, false).communication_disabled_until;
      const now = patch.communication_disabled_until?.toISOString() ?? null;
      if (old !== now) changes.push({ key: 'communication_disabled_until', old, new: now });
    }
    return this.tx.run(async (trx, emit) => {
      if (changes.length > 0) {
        if (!(await this.repo.update(trx, serverId, userId, patch))) throw notFound('member');
        // a member's own nickname is theirs to change; the log keeps what moderators do
        const audited = self ? changes.filter((c) => c.key !== 'nick') : changes;
        if (audited.length > 0)
          await this.audit.record(trx, {
            serverId,
            action: 'member_update',
            actorId: actor.id,
            targetId: userId,
            reason: actor.reason,
            changes: audited,
          });
        await emitMemberUpdate(trx, emit, { members: this.repo, online: this.online }, serverId, userId);
      }
      const row = await this.repo.find(serverId, userId, trx);
      if (!row) throw notFound('member');
      return presentMember(row, (await this.online([userId])).has(userId));
    });
  }
}

function requireNickPermission(access: ServerAccess, self: boolean): void {
  const p = access.permissions;
  if (hasPermission(p, Permissions.MANAGE_NICKNAMES)) return;
  if (self && hasPermission(p, Permissions.CHANGE_NICKNAME)) return;
  throw missingPermission(self ? Permissions.CHANGE_NICKNAME : Permissions.MANAGE_NICKNAMES);
}

/** null clears; otherwise a time in the future, at most 28 days ahead. */
function parseTimeout(value: string | null): Date | null {
  if (value === null) return null;
  const at = new Date(value);
  const ms = at.getTime();
  if (!Number.isFinite(ms))
    throw badRequest('invalid_input', 'body.communication_disabled_until: must be an ISO-8601 time');
  const now = Date.now();
  if (ms <= now)
    throw badRequest(
      'invalid_input',
      'body.communication_disabled_until: must be in the future (null clears)',
    );
  if (ms > now + MAX_TIMEOUT_MS)
    throw badRequest('invalid_input', 'body.communication_disabled_until: at most 28 days ahead');
  return at;
}
