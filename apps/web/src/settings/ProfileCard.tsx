/**
 * The profile card: a popover by the name or avatar that was clicked, with the avatar, display
 * name, username, about me and, inside a server, the member's roles. `actions` is the slot for
 * buttons other features add (e.g. "Message", opening a DM), given the user shown.
 */
import { useQuery } from '@tanstack/react-query';
import type { Member, Role, UserRef } from '@twopointo/shared';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { keys } from '../api/query-keys.ts';
import { Avatar } from '../components/Avatar.tsx';
import { account, shownName } from './account-api.ts';
import { userKey } from './apply-user-update.ts';

export interface ProfileCardProps {
  user: UserRef;
  /** the server the name was clicked in: its roles are listed */
  serverId: string | null;
  /** the element clicked; the card sits next to it */
  anchor: DOMRect;
  onClose: () => void;
  /** slot for actions on the user shown (e.g. a "Message" button) */
  actions?: (user: UserRef) => ReactNode;
}

export function ProfileCard({ user, serverId, anchor, onClose, actions }: ProfileCardProps) {
  const card = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number }>({ left: anchor.right + 8, top: anchor.top });
  const profile = useQuery({ queryKey: userKey(user.id), queryFn: () => account.user(user.id) });
  const members = useQuery<Member[]>({ queryKey: keys.members(serverId ?? ''), enabled: false });
  const roles = useQuery<Role[]>({ queryKey: keys.roles(serverId ?? ''), enabled: false });
  const shown = { ...user, ...profile.data };
  const member = serverId ? members.data?.find((m) => m.user.id === user.id) : undefined;
  const roleNames = (member?.roles ?? [])
    .map((rid) => roles.data?.find((r) => r.id === rid))
    .filter((r): r is Role => !!r && r.id !== serverId);

  // keep the card inside the window
  useLayoutEffect(() => {
    const el = card.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const left =
      anchor.right + 8 + width > window.innerWidth ? Math.max(8, anchor.left - width - 8) : anchor.right + 8;
    const top = Math.max(8, Math.min(anchor.top, window.innerHeight - height - 8));
    setPos({ left, top });
  }, [anchor, profile.data]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: MouseEvent) => {
      if (card.current && !card.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    card.current?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);

  return (
    <div
      ref={card}
      className="profile-card"
      role="dialog"
      aria-label={`Profile of ${shownName(shown)}`}
      tabIndex={-1}
      style={{ left: pos.left, top: pos.top }}
      data-testid="profile-card"
    >
      <div className="profile-card-banner" />
      <div className="profile-card-avatar">
        <Avatar id={shown.id} name={shownName(shown)} size={80} avatar={shown.avatar} />
      </div>
      <div className="profile-card-body">
        <h2 data-testid="profile-card-name">{shownName(shown)}</h2>
        <div className="muted" data-testid="profile-card-username">
          {shown.username}
        </div>
        {profile.data?.about && (
          <section>
            <h3>About me</h3>
            <p className="profile-about" data-testid="profile-card-about">
              {profile.data.about}
            </p>
          </section>
        )}
        {roleNames.length > 0 && (
          <section>
            <h3>Roles</h3>
            <ul className="role-pills" data-testid="profile-card-roles">
              {roleNames.map((r) => (
                <li key={r.id}>{r.name}</li>
              ))}
            </ul>
          </section>
        )}
        {actions && <div className="profile-card-actions">{actions(shown)}</div>}
      </div>
    </div>
  );
}
