/** Every member with their roles; the menu button opens the same member menu as elsewhere. */
import { useQuery } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { Avatar } from '../components/Avatar.tsx';
import type { CommunityMember, CommunityRole } from './community-api.ts';
import { displayName, isTimedOut, memberColor } from './member-display.ts';
import { useMemberMenu } from './member-menu-context.ts';
import { colorHex } from './role-order.ts';
import type { ServerAccess } from './server-access.ts';

export function MembersSection({
  server,
  access,
}: {
  server: Server;
  me: { id: string };
  access: ServerAccess;
}) {
  const members = useQuery({ queryKey: keys.members(server.id), queryFn: () => official.members(server.id) });
  const roles = useQuery({
    queryKey: keys.roles(server.id),
    queryFn: () => official.roles(server.id),
    retry: false,
  });
  const menu = useMemberMenu();
  const [filter, setFilter] = useState('');
  const list = ((members.data ?? []) as CommunityMember[])
    .filter(
      (m) =>
        displayName(m).toLowerCase().includes(filter.toLowerCase()) ||
        m.user.username.includes(filter.toLowerCase()),
    )
    .sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const roleList = (roles.data ?? []) as CommunityRole[];
  return (
    <div className="settings-stack">
      <input
        type="search"
        className="settings-search"
        placeholder="Search members"
        aria-label="Search members"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="settings-table" data-testid="settings-members">
        {list.map((m) => (
          <li
            key={m.user.id}
            className="settings-row"
            data-testid="settings-member"
            data-username={m.user.username}
          >
            <Avatar id={m.user.id} name={m.user.username} size={32} />
            <div className="settings-row-main">
              <strong style={{ color: memberColor(m, roleList) ?? undefined }}>{displayName(m)}</strong>
              <span className="muted small">
                {m.user.username}
                {m.user.id === server.owner_id && ' · owner'}
                {isTimedOut(m) &&
                  ` · timed out until ${new Date(m.communication_disabled_until!).toLocaleString()}`}
              </span>
              <span className="role-chips">
                {roleList
                  .filter((r) => m.roles.includes(r.id) && r.id !== access.everyoneId)
                  .sort((a, b) => b.position - a.position)
                  .map((r) => (
                    <span key={r.id} className="role-chip">
                      <span
                        className="role-dot"
                        style={{ background: colorHex(r.color) ?? 'var(--muted)' }}
                        aria-hidden="true"
                      />
                      {r.name}
                    </span>
                  ))}
              </span>
            </div>
            {menu && (
              <button
                className="btn btn-secondary btn-small"
                aria-haspopup="menu"
                onClick={(e) => menu.open(m.user.id, e.currentTarget)}
                data-testid="settings-member-actions"
              >
                Actions
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
