/** Member rules: members see the member list; anyone but the owner may leave; KICK_MEMBERS removes others except the owner. */
import type { Cache } from '@twopointo/cache';
import { Permissions, badRequest, forbidden, notFound, type Member } from '@twopointo/shared';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { presentMember } from './member.presenter.ts';
import type { MemberRepository } from './member.repository.ts';
import { onlineUsers } from './presence.ts';

export class MemberService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly tx: Transactor,
    private readonly cache: Cache,
  ) {}

  async list(actor: Actor, serverId: string): Promise<Member[]> {
    await actor.access.requireServerMember(serverId);
    const rows = await this.repo.list(serverId);
    const online = await onlineUsers(
      this.cache,
      rows.map((r) => r.user_id),
    );
    return rows.map((r) => presentMember(r, online.has(r.user_id)));
  }

  /** Leave (self) or kick (KICK_MEMBERS). */
  async remove(actor: Actor, serverId: string, userId: string): Promise<void> {
    const access = await actor.access.requireServerMember(serverId);
    if (userId === actor.id) {
      if (access.isOwner)
        throw badRequest('owner_cannot_leave', 'The owner cannot leave; delete the server instead');
    } else {
      await actor.access.requirePermission(serverId, Permissions.KICK_MEMBERS);
      if (userId === access.server.owner_id)
        throw forbidden('The owner cannot be kicked', 'cannot_kick_owner');
    }
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.remove(trx, serverId, userId))) throw notFound('member');
      await emit('MEMBER_LEAVE', serverId, { server_id: serverId, user_id: userId });
    });
  }
}
