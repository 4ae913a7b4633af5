/**
 * Invite rules: CREATE_INVITE makes one; MANAGE_SERVER lists them; MANAGE_SERVER or the inviter
 * revokes one; anyone (signed out too) previews a usable one; accepting joins (once per member),
 * unless the user is banned from the server.
 */
import type { Cache } from '@twopointo/cache';
import {
  Permissions,
  badRequest,
  forbidden,
  hasPermission,
  notFound,
  type Invite,
  type InvitePreview,
  type Server,
} from '@twopointo/shared';
import { missingPermission } from '../access/permission-set.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { BanRepository } from '../bans/ban.repository.ts';
import type { AccessRepository } from '../access/access.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { presentMember } from '../members/member.presenter.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import { onlineUsers } from '../members/presence.ts';
import { presentServer } from '../servers/server.presenter.ts';
import { newInviteCode } from './invite-code.ts';
import { presentInvite } from './invite.presenter.ts';
import type { InviteRepository } from './invite.repository.ts';

export class InviteService {
  constructor(
    private readonly repo: InviteRepository,
    private readonly members: MemberRepository,
    private readonly servers: AccessRepository,
    private readonly tx: Transactor,
    private readonly cache: Cache,
    private readonly audit: AuditRepository,
    private readonly bans: BanRepository,
  ) {}

  async create(
    actor: Actor,
    serverId: string,
    body: { max_uses?: number | null; expires_in?: number | null; max_age?: number },
  ): Promise<Invite> {
    await actor.access.requirePermission(serverId, Permissions.CREATE_INVITE);
    if (body.expires_in !== undefined && body.max_age !== undefined)
      throw badRequest('invalid_input', 'body.max_age: give max_age or expires_in, not both');
    const lifetime = body.max_age ?? body.expires_in;
    const expiresAt = lifetime ? new Date(Date.now() + lifetime * 1000) : null;
    const row = await this.tx.run(async (trx) => {
      const invite = await this.repo.create(trx, {
        code: newInviteCode(),
        serverId,
        inviterId: actor.id,
        maxUses: body.max_uses || null,
        expiresAt,
      });
      await this.audit.record(trx, {
        serverId,
        action: 'invite_create',
        actorId: actor.id,
        reason: actor.reason,
        changes: [
          { key: 'code', new: invite.code },
          { key: 'max_uses', new: invite.max_uses },
          { key: 'expires_at', new: invite.expires_at?.toISOString() ?? null },
        ],
      });
      return invite;
    });
    return presentInvite(row);
  }

  /** The server's usable invites, newest first, with their inviters (MANAGE_SERVER). */
  async list(actor: Actor, serverId: string): Promise<Invite[]> {
    await actor.access.requirePermission(serverId, Permissions.MANAGE_SERVER);
    return (await this.repo.listUsable(serverId)).map((r) => ({
      ...presentInvite(r),
      inviter: { id: r.inviter_id, username: r.username, display_name: r.display_name, avatar: r.avatar },
    }));
  }

  /** Revokes an invite: MANAGE_SERVER, or its inviter. 404 to non-members. */
  async delete(actor: Actor, code: string): Promise<void> {
    const invite = await this.repo.find(code);
    const access = invite && (await actor.access.serverAccess(invite.server_id));
    if (!invite || !access) throw notFound('invite');
    if (invite.inviter_id !== actor.id && !hasPermission(access.permissions, Permissions.MANAGE_SERVER))
      throw missingPermission(Permissions.MANAGE_SERVER & ~access.permissions);
    await this.tx.run(async (trx) => {
      if (!(await this.repo.delete(trx, code))) throw notFound('invite');
      await this.audit.record(trx, {
        serverId: invite.server_id,
        action: 'invite_delete',
        actorId: actor.id,
        reason: actor.reason,
        changes: [
          { key: 'code', old: invite.code },
          { key: 'inviter_id', old: invite.inviter_id },
          { key: 'uses', old: invite.uses },
        ],
      });
    });
  }

  /** Public: the Edge lets a signed-out visitor ask too. */
  async preview(code: string): Promise<InvitePreview> {
    const invite = await this.repo.findUsable(code);
    const server = invite && (await this.servers.findServer(invite.server_id));
    if (!invite || !server) throw notFound('invite');
    return {
      code,
      server: { id: server.id, name: server.name, icon_asset_id: server.icon_asset_id },
      member_count: await this.members.count(server.id),
    };
  }

  async accept(actor: Actor, code: string): Promise<Server> {
    const ref = await this.repo.findServerId(code);
    if (!ref) throw notFound('invite');
    // a member following the link again just lands in the server; it costs no use
    const existing = await actor.access.serverAccess(ref.server_id);
    if (existing) return presentServer(existing.server);
    const server = await this.servers.findServer(ref.server_id);
    if (!server) throw notFound('invite');
    const online = (await onlineUsers(this.cache, [actor.id])).has(actor.id);
    const refusal = () => forbidden('You are banned from this server', 'banned');
    if (await this.bans.isBanned(server.id, actor.id)) throw refusal();
    await this.tx.run(async (trx, emit) => {
      // again inside: a ban that commits meanwhile still keeps them out
      if (await this.bans.isBanned(server.id, actor.id, trx)) throw refusal();
      if (!(await this.members.add(trx, server.id, actor.id))) return; // joined concurrently
      if (!(await this.repo.consume(trx, code))) throw notFound('invite');
      const member = await this.members.find(server.id, actor.id, trx);
      if (!member) throw notFound('invite');
      await emit('MEMBER_JOIN', server.id, { server_id: server.id, member: presentMember(member, online) });
    });
    return presentServer(server);
  }
}
