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
  /** the member's timeout end (ISO string or Date); null/absent: not timed out */
  communicationDisabledUntil?: string | Date | null;
  /** the time to judge the timeout at (ms since the epoch); the caller's clock, never a cached one */
  now?: number;
}

/** What a timed-out member keeps (Discord): they may look and read, nothing else. */
export const TIMED_OUT_ALLOWED: bigint = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;

/** Whether a timeout end lies after `now` (ms). */
export function isTimedOut(until: string | Date | null | undefined, now: number): boolean {
  if (until === null || until === undefined) return false;
  const end = until instanceof Date ? until.getTime() : Date.parse(until);
  return Number.isFinite(end) && end > now;
}

/**
 * The member's effective permissions. The owner has every bit; so has ADMINISTRATOR (neither can
 * be timed out). A timed-out member keeps only TIMED_OUT_ALLOWED of what they would have.
 */
export function computePermissions(input: PermissionInput): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let perms = input.everyone.permissions;
  for (const role of input.roles) perms |= role.permissions;
  if ((perms & Permissions.ADMINISTRATOR) !== 0n) return ALL_PERMISSIONS;
  const resolved = applyOverwrites(perms, input);
  return isTimedOut(input.communicationDisabledUntil, input.now ?? Date.now())
    ? resolved & TIMED_OUT_ALLOWED
    : resolved;
}

function applyOverwrites(base: bigint, input: PermissionInput): bigint {
  let perms = base;
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
