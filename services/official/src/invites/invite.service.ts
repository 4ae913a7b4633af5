/** Invite rules: CREATE_INVITE makes one; any user previews a usable one; accepting joins (once per member). */
import type { Cache } from '@twopointo/cache';
import { Permissions, notFound, type Invite, type InvitePreview, type Server } from '@twopointo/shared';
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
  ) {}

  async create(
    actor: Actor,
    serverId: string,
    body: { max_uses?: number | null; expires_in?: number | null },
  ): Promise<Invite> {
    await actor.access.requirePermission(serverId, Permissions.CREATE_INVITE);
    const expiresAt = body.expires_in ? new Date(Date.now() + body.expires_in * 1000) : null;
    const row = await this.tx.run((trx) =>
      this.repo.create(trx, {
        code: newInviteCode(),
        serverId,
        inviterId: actor.id,
        maxUses: body.max_uses ?? null,
        expiresAt,
      }),
    );
    return presentInvite(row);
  }

  async preview(_actor: Actor, code: string): Promise<InvitePreview> {
    const invite = await this.repo.findUsable(code);
    const server = invite && (await this.servers.findServer(invite.server_id));
    if (!invite || !server) throw notFound('invite');
    return {
      code,
      server: { id: server.id, name: server.name },
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
    await this.tx.run(async (trx, emit) => {
      if (!(await this.members.add(trx, server.id, actor.id))) return; // joined concurrently
      if (!(await this.repo.consume(trx, code))) throw notFound('invite');
      const member = await this.members.find(server.id, actor.id, trx);
      if (!member) throw notFound('invite');
      await emit('MEMBER_JOIN', server.id, { server_id: server.id, member: presentMember(member, online) });
    });
    return presentServer(server);
  }
}
