/**
 * What the signed-in user may do in a server, from the shared resolver and the role hierarchy:
 * every community control asks this before it is shown (the server still has the last word).
 */
import { useQuery } from '@tanstack/react-query';
import {
  ALL_PERMISSIONS,
  canManageRole,
  computePermissions,
  hasPermission,
  memberRank,
  outranks,
  type Server,
} from '@twopointo/shared';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import type { CommunityMember, CommunityRole } from './community-api.ts';

export interface ServerAccess {
  /** false until the roles and members are loaded: controls then stay hidden */
  known: boolean;
  isOwner: boolean;
  perms: bigint;
  myHighest: number;
  everyoneId: string | null;
  can: (bit: bigint) => boolean;
  /** may act on this member (kick, ban, time out, nickname) as far as the hierarchy goes */
  outranks: (userId: string) => boolean;
  /** may edit, assign or remove this role */
  manages: (role: CommunityRole) => boolean;
}

export function isEveryone(role: { id: string; name: string }, serverId: string): boolean {
  return role.id === serverId || role.name === '@everyone';
}

export function serverAccess(
  server: Pick<Server, 'id' | 'owner_id'> | undefined,
  myId: string,
  members: readonly CommunityMember[] | undefined,
  roles: readonly CommunityRole[] | undefined,
): ServerAccess {
  const isOwner = !!server && server.owner_id === myId;
  const everyone = server ? roles?.find((r) => isEveryone(r, server.id)) : undefined;
  const me = members?.find((m) => m.user.id === myId);
  const known = !!server && (isOwner || (!!everyone && !!me));
  const ranked = (roles ?? []).filter((r) => r.id !== everyone?.id);
  const rankOf = (uid: string, roleIds: readonly string[]) =>
    memberRank({ userId: uid, roleIds }, server?.owner_id ?? '', ranked);
  const myRank = rankOf(myId, me?.roles ?? []);
  let perms = 0n;
  if (isOwner) perms = ALL_PERMISSIONS;
  else if (known && everyone && me)
    perms = computePermissions({
      userId: myId,
      ownerId: server.owner_id,
      everyone: { id: everyone.id, permissions: BigInt(everyone.permissions) },
      roles: ranked
        .filter((r) => me.roles.includes(r.id))
        .map((r) => ({ id: r.id, permissions: BigInt(r.permissions) })),
    });
  return {
    known,
    isOwner,
    perms,
    myHighest: myRank,
    everyoneId: everyone?.id ?? null,
    can: (bit) => known && hasPermission(perms, bit),
    outranks: (uid) => {
      if (!known || uid === myId || uid === server.owner_id) return false;
      const target = members?.find((m) => m.user.id === uid);
      return outranks(myRank, rankOf(uid, target?.roles ?? []));
    },
    manages: (role) => known && role.id !== everyone?.id && canManageRole(myRank, role.position),
  };
}

/** The current user's access in a server, from the same cached queries the chat uses. */
export function useServerAccess(server: Server | undefined, myId: string): ServerAccess {
  const sid = server?.id ?? '';
  const members = useQuery({
    queryKey: keys.members(sid),
    queryFn: () => official.members(sid),
    enabled: !!server,
  });
  const roles = useQuery({
    queryKey: keys.roles(sid),
    queryFn: () => official.roles(sid),
    enabled: !!server,
    retry: false,
  });
  return serverAccess(server, myId, members.data, roles.data);
}
