/** Server header (invite, leave), the channel list with create/rename/delete, and the user panel. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel, Invite, Server } from '@twopointo/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import type { ServerAbilities } from '../chat/permissions.ts';
import { FormError } from './FormError.tsx';
import type { GatewayStatus } from '../gateway/gateway-client.ts';
import { Avatar } from './Avatar.tsx';
import { Modal } from './Modal.tsx';
import { showError } from './Toasts.tsx';
import { Icon } from './Icon.tsx';

type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; channel: Channel }
  | { kind: 'delete'; channel: Channel }
  | { kind: 'invite' }
  | { kind: 'leave' };

export function ChannelSidebar(props: {
  server: Server | undefined;
  channels: Channel[] | undefined;
  channelsError: unknown;
  selectedChannelId: string | null;
  onSelectChannel: (id: string) => void;
  abilities: ServerAbilities;
  me: { id: string; username: string };
  status: GatewayStatus;
  onLogout: () => void;
  onLeft: () => void;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [menu, setMenu] = useState(false);
  const { server, abilities } = props;
  const close = () => setDialog(null);

  return (
    <aside className="channel-sidebar" data-testid="channel-sidebar">
      <div className="sidebar-head">
        {server ? (
          <button
            className="server-name"
            onClick={() => setMenu((m) => !m)}
            aria-expanded={menu}
            data-testid="server-menu-button"
          >
            <span>{server.name}</span>
            <Icon name={menu ? 'close' : 'chevron'} />
          </button>
        ) : (
          <span className="server-name muted">No server</span>
        )}
        {menu && server && (
          <div className="menu" role="menu" onClick={() => setMenu(false)}>
            {abilities.createInvite && (
              <button role="menuitem" onClick={() => setDialog({ kind: 'invite' })} data-testid="menu-invite">
                Invite people
              </button>
            )}
            {abilities.manageChannels && (
              <button role="menuitem" onClick={() => setDialog({ kind: 'create' })}>
                Create channel
              </button>
            )}
            {!abilities.isOwner && (
              <button
                role="menuitem"
                className="danger"
                onClick={() => setDialog({ kind: 'leave' })}
                data-testid="menu-leave"
              >
                Leave server
              </button>
            )}
          </div>
        )}
      </div>
      <div className="channel-list" data-testid="channel-list">
        {server && (
          <div className="channel-group">
            <span>Text channels</span>
            {abilities.manageChannels && (
              <button
                className="icon-btn"
                title="Create channel"
                aria-label="Create channel"
                onClick={() => setDialog({ kind: 'create' })}
                data-testid="create-channel"
              >
                +
              </button>
            )}
          </div>
        )}
        {props.channelsError != null && (
          <div className="inline-error pad">{errorMessage(props.channelsError)}</div>
        )}
        {props.channels?.map((c) => (
          <div key={c.id} className={`channel-item${c.id === props.selectedChannelId ? ' active' : ''}`}>
            <button
              className="channel-link"
              onClick={() => props.onSelectChannel(c.id)}
              data-testid="channel-item"
              data-channel-name={c.name}
            >
              <span className="hash">#</span>
              <span className="channel-name">{c.name}</span>
            </button>
            {abilities.manageChannels && (
              <span className="channel-tools">
                <button
                  className="icon-btn"
                  title="Rename channel"
                  aria-label={`Rename #${c.name}`}
                  onClick={() => setDialog({ kind: 'rename', channel: c })}
                  data-testid="rename-channel"
                >
                  <Icon name="pencil" size={14} />
                </button>
                <button
                  className="icon-btn danger"
                  title="Delete channel"
                  aria-label={`Delete #${c.name}`}
                  onClick={() => setDialog({ kind: 'delete', channel: c })}
                  data-testid="delete-channel"
                >
                  <Icon name="trash" size={14} />
                </button>
              </span>
            )}
          </div>
        ))}
        {server && props.channels?.length === 0 && <p className="muted small pad">No channels yet.</p>}
      </div>
      <div className="user-panel" data-testid="user-panel">
        <Avatar
          id={props.me.id}
          name={props.me.username}
          size={32}
          status={props.status === 'ready' ? 'online' : 'offline'}
        />
        <div className="user-meta">
          <strong data-testid="current-user">{props.me.username}</strong>
          <span className="muted small" data-testid="connection-status">
            {props.status === 'ready'
              ? 'Online'
              : props.status === 'reconnecting'
                ? 'Reconnecting…'
                : 'Connecting…'}
          </span>
        </div>
        <button
          className="icon-btn"
          title="Sign out"
          aria-label="Sign out"
          onClick={props.onLogout}
          data-testid="logout"
        >
          <Icon name="logout" />
        </button>
      </div>
      {dialog?.kind === 'create' && server && (
        <ChannelNameDialog server={server} onClose={close} onDone={props.onSelectChannel} />
      )}
      {dialog?.kind === 'rename' && server && (
        <ChannelNameDialog
          server={server}
          channel={dialog.channel}
          onClose={close}
          onDone={() => undefined}
        />
      )}
      {dialog?.kind === 'delete' && <DeleteChannelDialog channel={dialog.channel} onClose={close} />}
      {dialog?.kind === 'invite' && server && <InviteDialog server={server} onClose={close} />}
      {dialog?.kind === 'leave' && server && (
        <LeaveDialog server={server} myId={props.me.id} onClose={close} onLeft={props.onLeft} />
      )}
    </aside>
  );
}

function ChannelNameDialog({
  server,
  channel,
  onClose,
  onDone,
}: {
  server: Server;
  channel?: Channel;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [name, setName] = useState(channel?.name ?? '');
  const save = useMutation({
    mutationFn: (n: string) =>
      channel ? official.renameChannel(channel.id, n) : official.createChannel(server.id, n),
    onSuccess: (c) => {
      qc.setQueryData<Channel[]>(keys.channels(server.id), (l) =>
        l ? (l.some((x) => x.id === c.id) ? l.map((x) => (x.id === c.id ? c : x)) : [...l, c]) : l,
      );
      onDone(c.id);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim().toLowerCase().replace(/\s+/g, '-');
    if (n) save.mutate(n);
  };
  return (
    <Modal
      title={channel ? `Rename #${channel.name}` : 'Create channel'}
      onClose={onClose}
      testid="channel-dialog"
    >
      <form className="form" onSubmit={submit}>
        <label>
          Channel name
          <input
            autoFocus
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="new-channel"
            data-testid="channel-name-input"
          />
        </label>
        <FormError error={save.error ? errorMessage(save.error) : null} />
        <button className="btn btn-block" disabled={save.isPending} data-testid="channel-submit">
          {channel ? 'Rename' : 'Create channel'}
        </button>
      </form>
    </Modal>
  );
}

function DeleteChannelDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const qc = useQueryClient();
  const del = useMutation({
    mutationFn: () => official.deleteChannel(channel.id),
    onSuccess: () => {
      qc.setQueryData<Channel[]>(keys.channels(channel.server_id), (l) =>
        l?.filter((c) => c.id !== channel.id),
      );
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete #${channel.name}?`}
      testid="delete-channel-dialog"
      action={del}
      confirmLabel="Delete channel"
      confirmTestid="delete-channel-confirm"
      onClose={onClose}
    >
      Every message in #{channel.name} will be gone. This cannot be undone.
    </ConfirmDialog>
  );
}

function InviteDialog({ server, onClose }: { server: Server; onClose: () => void }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const create = useMutation({ mutationFn: () => official.createInvite(server.id), onSuccess: setInvite });
  const link = invite ? `${window.location.origin}/invite/${invite.code}` : '';
  const copy = (text: string) => void navigator.clipboard?.writeText(text).catch(() => undefined);
  return (
    <Modal title={`Invite people to ${server.name}`} onClose={onClose} testid="invite-dialog">
      {invite ? (
        <div className="form">
          <label>
            Invite code
            <div className="copy-row">
              <code data-testid="invite-code">{invite.code}</code>
              <button className="btn btn-small" onClick={() => copy(invite.code)}>
                Copy
              </button>
            </div>
          </label>
          <label>
            Link
            <div className="copy-row">
              <code data-testid="invite-link">{link}</code>
              <button className="btn btn-small" onClick={() => copy(link)}>
                Copy
              </button>
            </div>
          </label>
          {invite.expires_at && (
            <p className="muted small">Expires {new Date(invite.expires_at).toLocaleString()}</p>
          )}
        </div>
      ) : (
        <div className="form">
          <p className="muted">Anyone with the code can join this server.</p>
          <FormError error={create.error ? errorMessage(create.error) : null} />
          <button
            className="btn btn-block"
            onClick={() => create.mutate()}
            disabled={create.isPending}
            data-testid="invite-create"
          >
            {create.isPending ? 'Creating…' : 'Create invite'}
          </button>
        </div>
      )}
    </Modal>
  );
}

function LeaveDialog({
  server,
  myId,
  onClose,
  onLeft,
}: {
  server: Server;
  myId: string;
  onClose: () => void;
  onLeft: () => void;
}) {
  const qc = useQueryClient();
  const leave = useMutation({
    mutationFn: () => official.leaveServer(server.id, myId),
    onSuccess: () => {
      qc.setQueryData<Server[]>(keys.servers, (l) => l?.filter((s) => s.id !== server.id));
      onLeft();
      onClose();
    },
    onError: (err) => showError(err),
  });
  return (
    <ConfirmDialog
      title={`Leave ${server.name}?`}
      testid="leave-dialog"
      action={leave}
      confirmLabel="Leave server"
      confirmTestid="leave-confirm"
      onClose={onClose}
    >
      You will need a new invite to come back.
    </ConfirmDialog>
  );
}

/** Asks before one irreversible mutation: Cancel closes, the danger button runs it (once at a time). */
function ConfirmDialog(props: {
  title: string;
  testid: string;
  /** the mutation the confirm button runs; its error shows above the buttons */
  action: { mutate: () => void; isPending: boolean; error: unknown };
  confirmLabel: string;
  confirmTestid: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { action } = props;
  return (
    <Modal title={props.title} onClose={props.onClose} testid={props.testid}>
      <p>{props.children}</p>
      <FormError error={action.error ? errorMessage(action.error) : null} />
      <div className="row end">
        <button className="btn btn-secondary" onClick={props.onClose}>
          Cancel
        </button>
        <button
          className="btn btn-danger"
          onClick={() => action.mutate()}
          disabled={action.isPending}
          data-testid={props.confirmTestid}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
