/**
 * A member's name (nickname first) in the colour of their highest coloured role; a click opens the
 * profile card, the context-menu key or a right click the member menu.
 */
import type { UserRef } from '@twopointo/shared';
import type { MouseEvent, ReactNode } from 'react';
import { ProfileTrigger, profileCardStore } from '../settings/profile-card-context.tsx';
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
  // right click (or the context-menu key, Shift+F10): the member menu; a click: the profile card
  const onContextMenu = (e: MouseEvent<HTMLButtonElement>) => {
    e.preventDefault();
    if (e.clientX === 0 && e.clientY === 0) menu.open(user.id, e.currentTarget);
    else menu.open(user.id, { x: e.clientX, y: e.clientY });
  };
  return (
    <button
      type="button"
      className={`member-trigger ${className}`}
      style={children || !color ? undefined : { color }}
      onClick={(e) => {
        e.stopPropagation();
        profileCardStore.open(member?.user ?? user, e.currentTarget);
      }}
      onContextMenu={onContextMenu}
      aria-haspopup="dialog"
      aria-label={children ? name : undefined}
      title="Profile (right click: member menu)"
      data-testid={children ? 'member-avatar-trigger' : 'member-name-trigger'}
      data-user-id={user.id}
    >
      {children ?? name}
    </button>
  );
}
