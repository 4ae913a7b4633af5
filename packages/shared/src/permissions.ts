/** The one permission resolver: owner → all; roles union; channel overwrites in Discord's order. */
import { ALL_PERMISSIONS, Permissions } from './permissions.generated.ts';

export interface Overwrite {
  type: 'role' | 'member';
  target_id: string;
  allow: bigint;
  deny: bigint;
}

export interface PermissionInput {
  userId: string;
  ownerId: string;
  /** id of the server's @everyone role and its permissions */
  everyone: { id: string; permissions: bigint };
  /** the member's own roles (not @everyone) */
  roles: { id: string; permissions: bigint }[];
  /** overwrites of the channel being checked; omit for server-level checks */
  overwrites?: Overwrite[];
}

export function computePermissions(input: PermissionInput): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let perms = input.everyone.permissions;
  for (const role of input.roles) perms |= role.permissions;
  if ((perms & Permissions.ADMINISTRATOR) !== 0n) return ALL_PERMISSIONS;
  const overwrites = input.overwrites;
  if (!overwrites || overwrites.length === 0) return perms;

  const everyoneOw = overwrites.find((o) => o.type === 'role' && o.target_id === input.everyone.id);
  if (everyoneOw) perms = (perms & ~everyoneOw.deny) | everyoneOw.allow;

  const roleIds = new Set(input.roles.map((r) => r.id));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 'role' && roleIds.has(o.target_id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;

  const memberOw = overwrites.find((o) => o.type === 'member' && o.target_id === input.userId);
  if (memberOw) perms = (perms & ~memberOw.deny) | memberOw.allow;
  return perms;
}

export function hasPermission(perms: bigint, bit: bigint): boolean {
  return (perms & bit) === bit;
}

/** What @everyone may do in a new server. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  Permissions.VIEW_CHANNEL |
  Permissions.SEND_MESSAGES |
  Permissions.READ_MESSAGE_HISTORY |
  Permissions.CREATE_INVITE |
  Permissions.ATTACH_FILES |
  Permissions.ADD_REACTIONS |
  Permissions.CONNECT |
  Permissions.SPEAK |
  Permissions.STREAM |
  Permissions.CHANGE_NICKNAME;
