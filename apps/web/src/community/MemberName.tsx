/**
 * A member's name (nickname first) in the colour of their highest coloured role; a click, the
 * context-menu key or a right click opens the member menu.
 */
import type { UserRef } from '@twopointo/shared';
import type { MouseEvent, ReactNode } from 'react';
import { ProfileTrigger } from '../settings/profile-card-context.tsx';
import { displayName, memberColor } from './member-display.ts';
import { useMemberMenu } from './member-menu-context.ts';

export function MemberName({
  user,
  className = 'author',
  children,
}: {
  user: UserRef;
  className?: string;
  /** what to show instead of the name (an avatar) */
  children?: ReactNode;
}) {
  const menu = useMemberMenu();
  const member = menu?.member(user.id);
  const name = displayName(member ?? { user });
  // outside a server (a DM) there is no member menu: the name opens the profile card
  if (!menu)
    return (
      <ProfileTrigger user={user} className={className} label={children ? name : undefined}>
        {children ?? name}
      </ProfileTrigger>
    );
  const color = memberColor(member, menu.roles);
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    menu.open(user.id, { x: e.clientX, y: e.clientY });
  };
  return (
    <button
      type="button"
      className={`member-trigger ${className}`}
      style={children || !color ? undefined : { color }}
      onClick={(e) => menu.open(user.id, e.currentTarget)}
      onContextMenu={onContextMenu}
      aria-haspopup="menu"
      aria-label={children ? `${name}: member menu` : undefined}
      data-testid={children ? 'member-avatar-trigger' : 'member-name-trigger'}
      data-user-id={user.id}
    >
      {children ?? name}
    </button>
  );
}
