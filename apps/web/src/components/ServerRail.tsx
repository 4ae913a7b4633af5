/** The column of servers with their unread marks and mention badges, plus creating one or joining by invite code or link. */
import type { Server } from '@twopointo/shared';
import { useState } from 'react';
import type { Attention } from '../chat/read-states.ts';
import { ServerIcon } from '../community/ServerIcon.tsx';
import { CreateServerDialog } from './dialogs/CreateServerDialog.tsx';
import { JoinServerDialog } from './dialogs/JoinServerDialog.tsx';
import { Icon } from './Icon.tsx';

export function ServerRail({
  servers,
  selectedId,
  attention,
  onSelect,
  initialInvite,
  onInviteHandled,
  home,
}: {
  servers: Server[];
  selectedId: string | null;
  attention: Record<string, Attention>;
  onSelect: (id: string) => void;
  initialInvite: string | null;
  onInviteHandled: () => void;
  /** the Home button (DMs) at the top: whether it is open, its marks, and opening it */
  home?: { selected: boolean; attention: Attention; onSelect: () => void };
}) {
  const [open, setOpen] = useState<'create' | 'join' | null>(initialInvite ? 'join' : null);
  const homeUnread = !!home?.attention.unread && !home.selected;
  return (
    <nav className="server-rail" aria-label="Servers" data-testid="server-list">
      {home && (
        <>
          <button
            className={`server-icon home${home.selected ? ' active' : ''}${homeUnread ? ' unread' : ''}`}
            title="Home (direct messages)"
            aria-label={`Home${home.attention.mentions ? `, ${home.attention.mentions} unread messages` : homeUnread ? ', unread' : ''}`}
            aria-current={home.selected}
            onClick={home.onSelect}
            data-testid="home-button"
            data-unread={homeUnread || undefined}
          >
            <Icon name="home" size={24} />
            {!!home.attention.mentions && (
              <span className="badge rail-badge" data-testid="home-mention-badge">
                {home.attention.mentions}
              </span>
            )}
          </button>
          <div className="rail-sep" />
        </>
      )}
      {servers.map((s) => {
        const a = attention[s.id];
        const active = s.id === selectedId && !home?.selected;
        const unread = !!a?.unread && !active;
        return (
          <button
            key={s.id}
            className={`server-icon${active ? ' active' : ''}${unread ? ' unread' : ''}`}
            title={s.name}
            aria-label={`${s.name}${a?.mentions ? `, ${a.mentions} mentions` : unread ? ', unread' : ''}`}
            aria-current={active}
            onClick={() => onSelect(s.id)}
            data-testid="server-item"
            data-server-name={s.name}
            data-unread={unread || undefined}
          >
            <ServerIcon server={s} />
            {!!a?.mentions && (
              <span className="badge rail-badge" data-testid="server-mention-badge">
                {a.mentions}
              </span>
            )}
          </button>
        );
      })}
      <div className="rail-sep" />
      <button
        className="server-icon add"
        title="Create a server"
        aria-label="Create a server"
        onClick={() => setOpen('create')}
        data-testid="create-server"
      >
        +
      </button>
      <button
        className="server-icon add"
        title="Join a server"
        aria-label="Join a server"
        onClick={() => setOpen('join')}
        data-testid="join-server"
      >
        <Icon name="join" size={22} />
      </button>
      {open === 'create' && <CreateServerDialog onClose={() => setOpen(null)} onCreated={onSelect} />}
      {open === 'join' && (
        <JoinServerDialog
          initial={initialInvite ?? ''}
          onClose={() => {
            setOpen(null);
            onInviteHandled();
          }}
          onJoined={onSelect}
        />
      )}
    </nav>
  );
}
