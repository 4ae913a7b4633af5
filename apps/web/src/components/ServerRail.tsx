/** The column of servers, plus creating one or joining by invite code or link. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { parseInvite } from '../chat/linkify.ts';
import { FormError } from './FormError.tsx';
import { Modal } from './Modal.tsx';
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
      {open === 'create' && <CreateServer onClose={() => setOpen(null)} onCreated={onSelect} />}
      {open === 'join' && (
        <JoinServer
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

function CreateServer({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (n: string) => official.createServer(n),
    onSuccess: (server) => {
      qc.setQueryData<Server[]>(keys.servers, (l) =>
        l?.some((s) => s.id === server.id) ? l : [...(l ?? []), server],
      );
      onCreated(server.id);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };
  return (
    <Modal title="Create a server" onClose={onClose} testid="create-server-dialog">
      <form className="form" onSubmit={submit}>
        <label>
          Server name
          <input
            autoFocus
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="server-name-input"
          />
        </label>
        <FormError error={create.error ? errorMessage(create.error) : null} />
        <button className="btn btn-block" disabled={create.isPending} data-testid="server-create-submit">
          {create.isPending ? 'Creating…' : 'Create'}
        </button>
      </form>
    </Modal>
  );
}

function JoinServer({
  initial,
  onClose,
  onJoined,
}: {
  initial: string;
  onClose: () => void;
  onJoined: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = parseInvite(value);
    if (!code) {
      setError('Enter an invite code or a link like https://host/invite/CODE.');
      return;
    }
    setBusy(true);
    setError(null);
    (async () => {
      const server = await official.acceptInvite(code);
      qc.setQueryData<Server[]>(keys.servers, (l) =>
        l?.some((s) => s.id === server.id) ? l : [...(l ?? []), server],
      );
      void qc.invalidateQueries({ queryKey: keys.servers });
      onJoined(server.id);
      onClose();
    })()
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <Modal title="Join a server" onClose={onClose} testid="join-server-dialog">
      <form className="form" onSubmit={submit}>
        <label>
          Invite code or link
          <input
            autoFocus
            required
            placeholder="hTKzmak or http://localhost:60420/invite/hTKzmak"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="invite-input"
          />
        </label>
        <FormError error={error} />
        <button className="btn btn-block" disabled={busy} data-testid="join-submit">
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </Modal>
  );
}
