/**
 * Opening the profile card from anywhere: ProfileTrigger makes a name or an avatar open it (one
 * card at a time, held in a small store), and ProfileCardHost, rendered once by the chat layout,
 * shows it. `actions` on the host is handed to every card (the slot for a "Message" button).
 */
import type { UserRef } from '@twopointo/shared';
import { useCallback, useSyncExternalStore, type ReactNode } from 'react';
import { ProfileCard, type ProfileCardProps } from './ProfileCard.tsx';

type OpenCard = { user: UserRef; anchor: DOMRect } | null;

/** Which card is open; exported for tests. */
export const profileCardStore = (() => {
  let current: OpenCard = null;
  const listeners = new Set<() => void>();
  const set = (next: OpenCard) => {
    current = next;
    for (const l of listeners) l();
  };
  return {
    get: () => current,
    open: (user: UserRef, anchor: Element) => set({ user, anchor: anchor.getBoundingClientRect() }),
    close: () => set(null),
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
})();

export function ProfileCardHost({
  serverId,
  actions,
}: {
  serverId: string | null;
  actions?: ProfileCardProps['actions'];
}) {
  const open = useSyncExternalStore(profileCardStore.subscribe, profileCardStore.get);
  const close = useCallback(() => profileCardStore.close(), []);
  if (!open) return null;
  return (
    <ProfileCard
      key={open.user.id}
      user={open.user}
      anchor={open.anchor}
      serverId={serverId}
      onClose={close}
      actions={actions}
    />
  );
}

/** A name or avatar that opens the user's profile card. */
export function ProfileTrigger({
  user,
  className,
  label,
  children,
}: {
  user: UserRef;
  className?: string;
  /** the accessible name when the content has no text (an avatar) */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`profile-trigger${className ? ` ${className}` : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        profileCardStore.open(user, e.currentTarget);
      }}
      aria-haspopup="dialog"
      aria-label={label}
      data-testid="profile-trigger"
    >
      {children}
    </button>
  );
}
