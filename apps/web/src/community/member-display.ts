/** How members show: nickname or username, the colour of their highest coloured role, hoisted groups. */
import type { CommunityMember, CommunityRole } from './community-api.ts';
import { colorHex } from './role-order.ts';

/** nickname, else the user's display name, else the username */
export const displayName = (m: {
  user: { username: string; display_name?: string | null };
  nick?: string | null;
}) => m.nick || m.user.display_name || m.user.username;

/** the colour of the member's highest role that has one (null: the default text colour) */
export function memberColor(
  m: Pick<CommunityMember, 'roles'> | undefined,
  roles: readonly CommunityRole[],
): string | null {
  if (!m) return null;
  let best: CommunityRole | undefined;
  for (const r of roles)
    if (m.roles.includes(r.id) && r.color && (!best || r.position > best.position)) best = r;
  return colorHex(best?.color);
}

export function isTimedOut(
  m: Pick<CommunityMember, 'communication_disabled_until'> | undefined,
  now = Date.now(),
): boolean {
  const until = m?.communication_disabled_until;
  return !!until && Date.parse(until) > now;
}

export interface MemberGroup {
  id: string;
  title: string;
  members: CommunityMember[];
}

/**
 * Online members under their highest hoisted role (highest roles first), the other online ones
 * under "Online", everyone offline under "Offline"; each group sorted by name.
 */
export function memberGroups(
  members: readonly CommunityMember[],
  roles: readonly CommunityRole[],
): MemberGroup[] {
  const hoisted = roles.filter((r) => r.hoist).sort((a, b) => b.position - a.position);
  const byName = (a: CommunityMember, b: CommunityMember) => displayName(a).localeCompare(displayName(b));
  const groups = new Map<string, MemberGroup>(
    hoisted.map((r) => [r.id, { id: r.id, title: r.name, members: [] }]),
  );
  const online: MemberGroup = { id: 'online', title: 'Online', members: [] };
  const offline: MemberGroup = { id: 'offline', title: 'Offline', members: [] };
  for (const m of members) {
    if (m.status !== 'online') {
      offline.members.push(m);
      continue;
    }
    const top = hoisted.find((r) => m.roles.includes(r.id));
    (top ? groups.get(top.id)! : online).members.push(m);
  }
  return [...groups.values(), online, offline]
    .map((g) => ({ ...g, members: g.members.sort(byName) }))
    .filter((g) => g.members.length > 0);
}
