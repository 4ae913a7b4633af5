/** The signed-in user's role ids in a server, from the cached member list (null when not loaded). */
import type { QueryClient } from '@tanstack/react-query';
import type { Member } from '@twopointo/shared';
import { keys } from '../api/query-keys.ts';

export function myRoleIds(qc: QueryClient, serverId: string, myId: string): string[] | null {
  const members = qc.getQueryData<Member[]>(keys.members(serverId));
  return members?.find((m) => m.user.id === myId)?.roles ?? null;
}
