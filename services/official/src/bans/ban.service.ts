/**
 * Ban rules: BAN_MEMBERS, over members ranked below the caller (the owner never); a user who is
 * not a member may be banned too. A ban removes the member, deletes their messages of the asked
 * window in the same transaction, and refuses them at every invite until they are unbanned.
 */
import { Permissions, forbidden, notFound, type Ban } from '@twopointo/shared';
import type { AccessRepository } from '../access/access.repository.ts';
import { requireMemberBelow, targetMember } from '../access/hierarchy.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import { iso } from '../http/present.ts';
import type { Actor } from '../http/trust.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import type { MentionRepository } from '../messages/mention.repository.ts';
import type { BanRepository } from './ban.repository.ts';

export class BanService {
  constructor(
    private readonly repo: BanRepository,
    private readonly members: MemberRepository,
    private readonly mentions: Pick<MentionRepository, 'recount'>,
    private readonly accessRepo: AccessRepository,
    private readonly tx: Transactor,
    private readonly audit: AuditRepository,
    /** after commit: the asset ids the deleted messages held (their objects may go) */
    private readonly releaseAssets?: (assetIds: string[]) => Promise<unknown>,
  ) {}

  async list(actor: Actor, serverId: string): Promise<Ban[]> {
    await actor.access.requirePermission(serverId, Permissions.BAN_MEMBERS);
    return (await this.repo.list(serverId)).map((b) => ({
      user: { id: b.user_id, username: b.username, display_name: b.display_name, avatar: b.avatar },
      reason: b.reason,
      created_at: iso(b.created_at),
    }));
  }

  async ban(
    actor: Actor,
    serverId: string,
    userId: string,
    body: { reason?: string | null; delete_message_seconds?: number },
  ): Promise<void> {
    const access = await actor.access.requirePermission(serverId, Permissions.BAN_MEMBERS);
    if (userId === access.server.owner_id) throw forbidden('The owner cannot be banned', 'cannot_ban_owner');
    if (!(await this.accessRepo.findUserRef(userId))) throw notFound('user');
    const target = await targetMember(this.accessRepo, access, userId);
    if (target) requireMemberBelow(access, target.rank);
    const reason = body.reason?.trim() || actor.reason;
    const seconds = body.delete_message_seconds ?? 0;
    const released = await this.tx.run(async (trx, emit) => {
      await this.repo.put(trx, { serverId, userId, reason, moderatorId: actor.id });
      if (await this.members.remove(trx, serverId, userId))
        await emit('MEMBER_LEAVE', serverId, { server_id: serverId, user_id: userId });
      let assetIds: string[] = [];
      if (seconds > 0) {
        const deleted = await this.repo.deleteMessagesSince(
          trx,
          serverId,
          userId,
          new Date(Date.now() - seconds * 1000),
        );
        for (const [channelId, ids] of deleted.byChannel) {
          await this.mentions.recount(trx, channelId, deleted.notifiedByChannel.get(channelId) ?? []);
          await emit(
            'MESSAGE_DELETE_BULK',
            serverId,
            { ids, channel_id: channelId, server_id: serverId },
            channelId,
          );
        }
        assetIds = deleted.assetIds;
      }
      await this.audit.record(trx, {
        serverId,
        action: 'member_ban_add',
        actorId: actor.id,
        targetId: userId,
        reason,
        changes: seconds > 0 ? [{ key: 'delete_message_seconds', new: seconds }] : [],
      });
      return assetIds;
    });
    if (released.length > 0) await this.releaseAssets?.(released);
  }

  async unban(actor: Actor, serverId: string, userId: string): Promise<void> {
    await actor.access.requirePermission(serverId, Permissions.BAN_MEMBERS);
    await this.tx.run(async (trx) => {
      if (!(await this.repo.remove(trx, serverId, userId))) throw notFound('ban');
      await this.audit.record(trx, {
        serverId,
        action: 'member_ban_remove',
        actorId: actor.id,
        targetId: userId,
        reason: actor.reason,
      });
    });
  }
}
