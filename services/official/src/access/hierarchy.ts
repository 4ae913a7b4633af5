/**
 * The one place the role hierarchy is enforced (the rule itself is @twopointo/shared's
 * hierarchy.ts, which the web client uses too). The owner is above everyone; ADMINISTRATOR does
 * not bypass the hierarchy.
 */
import { OWNER_RANK, Permissions, canManageRole, forbidden, outranks } from '@twopointo/shared';
import type { AccessRepository } from './access.repository.ts';
import type { ServerAccess } from './access.service.ts';

/** 403 role_hierarchy unless the caller ranks above a role at `position` (or is the owner). */
export function requireRoleBelow(access: ServerAccess, position: number, what = 'this role'): void {
  if (access.isOwner || canManageRole(access.rank, position)) return;
  throw forbidden(`${what} is at or above your highest role`, 'role_hierarchy');
}

/** 403 member_hierarchy unless the caller ranks above a member of `targetRank`. */
export function requireMemberBelow(access: ServerAccess, targetRank: number): void {
  if (outranks(access.rank, targetRank)) return;
  throw forbidden('The member’s highest role is at or above yours', 'member_hierarchy');
}

export interface TargetMember {
  rank: number;
  /** holds ADMINISTRATOR (or is the owner) */
  admin: boolean;
}

/** A member's place in the hierarchy, or null when the user is not a member. */
export async function targetMember(
  repo: AccessRepository,
  access: ServerAccess,
  userId: string,
): Promise<TargetMember | null> {
  const { server } = access;
  if (userId === server.owner_id) return { rank: OWNER_RANK, admin: true };
  const [state, roles] = await Promise.all([
    repo.memberState(server.id, userId),
    repo.memberRoles(server.id, userId),
  ]);
  if (!state) return null;
  let rank = 0;
  let bits = 0n;
  for (const r of roles) {
    bits |= BigInt(r.permissions);
    if (r.id !== server.id) rank = Math.max(rank, Number(r.position));
  }
  return { rank, admin: (bits & Permissions.ADMINISTRATOR) !== 0n };
}
