/**
 * Server header (invite, notifications, leave), the channel list with create/rename/delete and
 * each channel's unread mark and mention badge, and the user panel.
 */
import type { Channel, Server, UserRef } from '@twopointo/shared';
import { useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { isMuted, useNotificationSettings } from '../chat/notification-settings.ts';
import type { ServerAbilities } from '../chat/permissions.ts';
import type { Attention } from '../chat/read-states.ts';
import type { GatewayStatus } from '../gateway/gateway-client.ts';
import { ChannelNameDialog } from './dialogs/ChannelNameDialog.tsx';
import { DeleteChannelDialog } from './dialogs/DeleteChannelDialog.tsx';
import { InviteDialog } from './dialogs/InviteDialog.tsx';
import { LeaveServerDialog } from './dialogs/LeaveServerDialog.tsx';
import { NotificationSettingsDialog } from './dialogs/NotificationSettingsDialog.tsx';
import { Icon } from './Icon.tsx';
import { UserPanel } from './UserPanel.tsx';
import { CallPanel } from '../voice/CallPanel.tsx';
import { VoiceChannels } from '../voice/VoiceChannelItem.tsx';

type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; channel: Channel }
  | { kind: 'delete'; channel: Channel }
  | { kind: 'invite' }
  | { kind: 'notifications' }
  | { kind: 'leave' };

export function ChannelSidebar(props: {
  server: Server | undefined;
  channels: Channel[] | undefined;
  channelsError: unknown;
  selectedChannelId: string | null;
  onSelectChannel: (id: string) => void;
  attention: Record<string, Attention>;
  abilities: ServerAbilities;
  me: UserRef;
  status: GatewayStatus;
  onLogout: () => void;
  onOpenSettings?: () => void;
  onLeft: () => void;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [menu, setMenu] = useState(false);
  const { server, abilities } = props;
  const settings = useNotificationSettings();
  const close = () => setDialog(null);
  const textChannels = props.channels?.filter((c) => c.type !== 'voice');

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
            <button
              role="menuitem"
              onClick={() => setDialog({ kind: 'notifications' })}
              data-testid="menu-notifications"
            >
              Notification settings
            </button>
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
        {textChannels?.map((c) => {
          const a = props.attention[c.id];
          const muted = !!server && isMuted(settings, server.id, c.id);
          const unread = !!a?.unread && !muted;
          const classes = [
            'channel-item',
            c.id === props.selectedChannelId ? 'active' : '',
            unread ? 'unread' : '',
            muted ? 'muted-channel' : '',
          ];
          return (
            <div key={c.id} className={classes.filter(Boolean).join(' ')}>
              <button
                className="channel-link"
                onClick={() => props.onSelectChannel(c.id)}
                data-testid="channel-item"
                data-channel-name={c.name}
                data-unread={unread || undefined}
                aria-label={`${c.name}${a?.mentions ? `, ${a.mentions} mentions` : unread ? ', unread' : ''}`}
              >
                <span className="hash">#</span>
                <span className="channel-name">{c.name}</span>
                {!!a?.mentions && (
                  <span className="badge" data-testid="channel-mention-badge">
                    {a.mentions}
                  </span>
                )}
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
          );
        })}
        {server && props.channels?.length === 0 && <p className="muted small pad">No channels yet.</p>}
        {server && <VoiceChannels channels={props.channels} abilities={abilities} myId={props.me.id} />}
      </div>
      <CallPanel />
      <UserPanel
        me={props.me}
        status={props.status}
        onLogout={props.onLogout}
        onOpenSettings={props.onOpenSettings}
      />
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
      {dialog?.kind === 'notifications' && server && (
        <NotificationSettingsDialog server={server} channels={props.channels ?? []} onClose={close} />
      )}
      {dialog?.kind === 'leave' && server && (
        <LeaveServerDialog server={server} myId={props.me.id} onClose={close} onLeft={props.onLeft} />
      )}
    </aside>
  );
}
