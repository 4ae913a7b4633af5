/** What the current user may do in a server, from its roles when the API lets us read them. */
import { useQuery } from '@tanstack/react-query';
import {
  ALL_PERMISSIONS,
  computePermissions,
  hasPermission,
  Permissions,
  type Member,
  type Server,
} from '@twopointo/shared';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';

export interface ServerAbilities {
  /** false when the roles could not be read: the UI then offers actions and shows the server's answer */
  known: boolean;
  manageChannels: boolean;
  manageMessages: boolean;
  createInvite: boolean;
  /** @everyone and @here ping (offered in the autocomplete; the server has the last word) */
  mentionEveryone: boolean;
  /** react with an emoji not on the message yet (adding to an existing one needs no bit) */
  addReactions: boolean;
  isOwner: boolean;
  /** voice moderation: server mute, server deafen, move and disconnect */
  muteMembers: boolean;
  deafenMembers: boolean;
  moveMembers: boolean;
}

export function abilitiesFrom(perms: bigint | null, isOwner: boolean): ServerAbilities {
  if (perms === null)
    return {
      known: false,
      manageChannels: true,
      manageMessages: false,
      createInvite: true,
      mentionEveryone: true,
      addReactions: true,
      isOwner,
      muteMembers: false,
      deafenMembers: false,
      moveMembers: false,
    };
  return {
    known: true,
    manageChannels: hasPermission(perms, Permissions.MANAGE_CHANNELS),
    manageMessages: hasPermission(perms, Permissions.MANAGE_MESSAGES),
    createInvite: hasPermission(perms, Permissions.CREATE_INVITE),
    mentionEveryone: hasPermission(perms, Permissions.MENTION_EVERYONE),
    addReactions: hasPermission(perms, Permissions.ADD_REACTIONS),
    isOwner,
    muteMembers: hasPermission(perms, Permissions.MUTE_MEMBERS),
    deafenMembers: hasPermission(perms, Permissions.DEAFEN_MEMBERS),
    moveMembers: hasPermission(perms, Permissions.MOVE_MEMBERS),
  };
}

export function useAbilities(
  server: Server | undefined,
  myId: string,
  members: Member[] | undefined,
): ServerAbilities {
  const isOwner = !!server && server.owner_id === myId;
  const roles = useQuery({
    queryKey: keys.roles(server?.id ?? ''),
    queryFn: () => official.roles(server!.id),
    enabled: !!server && !isOwner,
    retry: false,
  });
  if (!server) return abilitiesFrom(0n, false);
  if (isOwner) return abilitiesFrom(ALL_PERMISSIONS, true);
  const me = members?.find((m) => m.user.id === myId);
  const everyone = roles.data?.find((r) => r.name === '@everyone' || r.id === server.id);
  if (!roles.data || !everyone || !me) return abilitiesFrom(null, false);
  const perms = computePermissions({
    userId: myId,
    ownerId: server.owner_id,
    everyone: { id: everyone.id, permissions: BigInt(everyone.permissions) },
    roles: roles.data
      .filter((r) => r.id !== everyone.id && me.roles.includes(r.id))
      .map((r) => ({ id: r.id, permissions: BigInt(r.permissions) })),
  });
  return abilitiesFrom(perms, false);
}
