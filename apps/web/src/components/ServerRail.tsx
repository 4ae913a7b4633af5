/** The column of servers, plus creating one or joining by invite code or link. */
import type { Server } from '@twopointo/shared';
import { useState } from 'react';
import { CreateServerDialog } from './dialogs/CreateServerDialog.tsx';
import { JoinServerDialog } from './dialogs/JoinServerDialog.tsx';
import { Icon } from './Icon.tsx';

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : name.slice(0, 2)).toUpperCase() || '?';
}

export function ServerRail({
  servers,
  selectedId,
  onSelect,
  initialInvite,
  onInviteHandled,
}: {
  servers: Server[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  initialInvite: string | null;
  onInviteHandled: () => void;
}) {
  const [open, setOpen] = useState<'create' | 'join' | null>(initialInvite ? 'join' : null);
  return (
    <nav className="server-rail" aria-label="Servers" data-testid="server-list">
      {servers.map((s) => (
        <button
          key={s.id}
          className={`server-icon${s.id === selectedId ? ' active' : ''}`}
          title={s.name}
          aria-label={s.name}
          aria-current={s.id === selectedId}
          onClick={() => onSelect(s.id)}
          data-testid="server-item"
          data-server-name={s.name}
        >
          {initials(s.name)}
        </button>
      ))}
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
