/** MEMBER_UPDATE: the member as they are inside the changing transaction, to the server's sockets. */
import type { DB, Kysely } from '@twopointo/db';
import type { Emit } from '../events/transactor.ts';
import { presentMember } from './member.presenter.ts';
import type { MemberRepository } from './member.repository.ts';

/** Who of these users has an open socket. */
export type OnlineLookup = (userIds: string[]) => Promise<Set<string>>;

export async function emitMemberUpdate(
  trx: Kysely<DB>,
  emit: Emit,
  deps: { members: MemberRepository; online: OnlineLookup },
  serverId: string,
  userId: string,
): Promise<void> {
  const row = await deps.members.find(serverId, userId, trx);
  if (!row) return;
  const online = (await deps.online([userId])).has(userId);
  await emit('MEMBER_UPDATE', serverId, { server_id: serverId, member: presentMember(row, online) });
}
