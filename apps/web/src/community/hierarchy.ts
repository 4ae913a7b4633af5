/**
 * The role hierarchy as the server enforces it: nobody may touch a role at or above their own
 * highest role, nor kick, ban or time out a member whose highest role is at or above theirs; the
 * owner is above everyone. The client greys out what these forbid.
 */
export interface RankedRole {
  id: string;
  position: number;
}

export interface Actor {
  userId: string;
  ownerId: string;
  /** the actor's role ids (not @everyone) */
  roleIds: readonly string[];
}

/** The position of a member's highest role: Infinity for the owner, 0 with only @everyone. */
export function highestPosition(actor: Actor, roles: readonly RankedRole[]): number {
  if (actor.userId === actor.ownerId) return Number.POSITIVE_INFINITY;
  let top = 0;
  for (const r of roles) if (actor.roleIds.includes(r.id) && r.position > top) top = r.position;
  return top;
}

/** May the actor edit, assign or remove this role (never @everyone's assignment)? */
export function canManageRole(actor: Actor, role: RankedRole, roles: readonly RankedRole[]): boolean {
  return role.position < highestPosition(actor, roles);
}

/** May the actor kick, ban, time out or rename this member? Never oneself, never the owner. */
export function canModerate(actor: Actor, target: Actor, roles: readonly RankedRole[]): boolean {
  if (target.userId === actor.userId || target.userId === target.ownerId) return false;
  return highestPosition(target, roles) < highestPosition(actor, roles);
}
