/**
 * The role hierarchy (Discord's): a member ranks as their highest role's position (@everyone is
 * 0), the owner above everyone. One may manage only roles strictly below one's own rank and act
 * on (kick, ban, time out, rename) only members ranked strictly below. ADMINISTRATOR does not
 * lift anyone above the hierarchy. Official enforces it; the web client hides what fails it.
 */

/** The owner's rank: above every role. */
export const OWNER_RANK = Number.POSITIVE_INFINITY;

export interface RankedRole {
  id: string;
  position: number;
}

/** Roles from the top of the hierarchy down (ties, which reordering never leaves, by id). */
export function sortRolesDescending<R extends RankedRole>(roles: readonly R[]): R[] {
  return [...roles].sort((a, b) => b.position - a.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/** The highest position among `roleIds` (0 when the member has only @everyone). */
export function highestRolePosition(roleIds: readonly string[], roles: readonly RankedRole[]): number {
  const held = new Set(roleIds);
  let top = 0;
  for (const r of roles) if (held.has(r.id) && r.position > top) top = r.position;
  return top;
}

/** A member's rank: OWNER_RANK for the owner, else their highest role's position. */
export function memberRank(
  member: { userId: string; roleIds: readonly string[] },
  ownerId: string,
  roles: readonly RankedRole[],
): number {
  return member.userId === ownerId ? OWNER_RANK : highestRolePosition(member.roleIds, roles);
}

/** Whether someone of `rank` may create, edit, move, delete, assign or remove a role at `position`. */
export const canManageRole = (rank: number, position: number): boolean => position < rank;

/** Whether someone of `actorRank` may kick, ban, time out or rename a member of `targetRank`. */
export const outranks = (actorRank: number, targetRank: number): boolean => actorRank > targetRank;
