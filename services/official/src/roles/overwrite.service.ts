/** Channel overwrites: MANAGE_ROLES in the channel; a non-owner may only allow or deny bits they hold there. */
import { Permissions, badRequest, notFound, type ChannelOverwrite } from '@twopointo/shared';
import { parsePermissionSet } from '../access/permission-set.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import { presentOverwrite } from './role.presenter.ts';
import type { RoleRepository } from './role.repository.ts';

export class OverwriteService {
  constructor(
    private readonly roles: RoleRepository,
    private readonly members: MemberRepository,
    private readonly tx: Transactor,
    private readonly audit: AuditRepository,
  ) {}

  /** What the channel permissions editor starts from (MANAGE_ROLES in the channel). */
  async list(actor: Actor, channelId: string): Promise<ChannelOverwrite[]> {
    await actor.access.requireChannel(channelId, Permissions.MANAGE_ROLES);
    return (await this.roles.listOverwrites(channelId)).map(presentOverwrite);
  }

  async put(
    actor: Actor,
    channelId: string,
    targetId: string,
    body: { type: 'role' | 'member'; allow?: string; deny?: string },
  ): Promise<ChannelOverwrite> {
    const access = await actor.access.requireChannel(channelId, Permissions.MANAGE_ROLES);
    const serverId = access.channel.server_id;
    const allow = parsePermissionSet(body.allow ?? '0', 'allow');
    const deny = parsePermissionSet(body.deny ?? '0', 'deny');
    if ((allow & deny) !== 0n) throw badRequest('invalid_input', 'body.deny: must not share bits with allow');
    if (body.type === 'role') {
      if (!(await this.roles.list(serverId)).some((r) => r.id === targetId)) throw notFound('role');
    } else if (!(await this.members.find(serverId, targetId))) {
      throw notFound('member');
    }
    actor.access.requireGrantable(access.channelPermissions, access, allow | deny);
    return this.tx.run(async (trx, emit) => {
      const row = await this.roles.upsertOverwrite(trx, {
        channelId,
        targetId,
        type: body.type,
        allow,
        deny,
      });
      await this.audit.record(trx, {
        serverId,
        action: 'channel_overwrite_update',
        actorId: actor.id,
        targetId: channelId,
        reason: actor.reason,
        changes: [
          { key: 'target_id', new: targetId },
          { key: 'type', new: body.type },
          { key: 'allow', new: allow.toString() },
          { key: 'deny', new: deny.toString() },
        ],
      });
      await emit('PERMISSIONS_UPDATE', serverId, { server_id: serverId, channel_id: channelId }, channelId);
      return presentOverwrite(row);
    });
  }

  async delete(actor: Actor, channelId: string, targetId: string): Promise<void> {
    const access = await actor.access.requireChannel(channelId, Permissions.MANAGE_ROLES);
    const serverId = access.channel.server_id;
    await this.tx.run(async (trx, emit) => {
      if (!(await this.roles.deleteOverwrite(trx, channelId, targetId))) throw notFound('overwrite');
      await this.audit.record(trx, {
        serverId,
        action: 'channel_overwrite_delete',
        actorId: actor.id,
        targetId: channelId,
        reason: actor.reason,
        changes: [{ key: 'target_id', old: targetId }],
      });
      await emit('PERMISSIONS_UPDATE', serverId, { server_id: serverId, channel_id: channelId }, channelId);
    });
  }
}
