/**
 * Server header (invite, settings, notifications, leave), the channel list (categories, drag to
 * reorder, create/edit/delete where permitted) with each channel's unread mark and mention badge,
 * and the user panel.
 */
import { Permissions, type Channel, type Server, type UserRef } from '@twopointo/shared';
import { useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { isMuted, useNotificationSettings } from '../chat/notification-settings.ts';
import type { ServerAbilities } from '../chat/permissions.ts';
import type { Attention } from '../chat/read-states.ts';
import { ChannelSettings } from '../community/ChannelSettings.tsx';
import { ChannelTree } from '../community/ChannelTree.tsx';
import { CreateChannelDialog } from '../community/CreateChannelDialog.tsx';
import { serverSettingsSections } from '../community/server-settings-sections.ts';
import { useServerAccess } from '../community/server-access.ts';
import type { GatewayStatus } from '../gateway/gateway-client.ts';
import { DeleteChannelDialog } from './dialogs/DeleteChannelDialog.tsx';
import { InviteDialog } from './dialogs/InviteDialog.tsx';
import { LeaveServerDialog } from './dialogs/LeaveServerDialog.tsx';
import { NotificationSettingsDialog } from './dialogs/NotificationSettingsDialog.tsx';
import { Icon } from './Icon.tsx';
import { UserPanel } from './UserPanel.tsx';
import { CallPanel } from '../voice/CallPanel.tsx';
import { VoiceChannels } from '../voice/VoiceChannelItem.tsx';

type Dialog =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'settings'; channel: Channel }
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
  /** server settings have an address: the app opens them */
  onOpenServerSettings: () => void;
  onLeft: () => void;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [menu, setMenu] = useState(false);
  const { server, abilities } = props;
  const settings = useNotificationSettings();
  const close = () => setDialog(null);
  const access = useServerAccess(server, props.me.id);
  const manageChannels = access.can(Permissions.MANAGE_CHANNELS);
  // @everyone may invite by default: offered while the roles are still unknown
  const createInvite = access.known ? access.can(Permissions.CREATE_INVITE) : abilities.createInvite;
  const hasServerSettings = serverSettingsSections(access).length > 0;
  // voice channels are listed apart, with who is in them
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
            {createInvite && (
              <button role="menuitem" onClick={() => setDialog({ kind: 'invite' })} data-testid="menu-invite">
                Invite people
              </button>
            )}
            {hasServerSettings && (
              <button role="menuitem" onClick={props.onOpenServerSettings} data-testid="menu-server-settings">
                Server settings
              </button>
            )}
            <button
              role="menuitem"
              onClick={() => setDialog({ kind: 'notifications' })}
              data-testid="menu-notifications"
            >
              Notification settings
            </button>
            {manageChannels && (
              <button role="menuitem" onClick={() => setDialog({ kind: 'create', parentId: null })}>
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
        {server && manageChannels && (
          <div className="channel-group">
            <span>Channels</span>
            <button
              className="icon-btn"
              title="Create channel"
              aria-label="Create channel"
              onClick={() => setDialog({ kind: 'create', parentId: null })}
              data-testid="create-channel"
            >
              +
            </button>
          </div>
        )}
        {props.channelsError != null && (
          <div className="inline-error pad">{errorMessage(props.channelsError)}</div>
        )}
        {server && textChannels && (
          <ChannelTree
            server={server}
            channels={textChannels}
            selectedChannelId={props.selectedChannelId}
            canManage={manageChannels}
            onCreateIn={(parentId) => setDialog({ kind: 'create', parentId })}
            onEdit={(channel) => setDialog({ kind: 'settings', channel })}
            onDelete={(channel) => setDialog({ kind: 'delete', channel })}
            renderChannel={({ channel: c, dragProps, dropping }) => {
              const a = props.attention[c.id];
              const muted = isMuted(settings, server.id, c.id);
              const unread = !!a?.unread && !muted;
              const classes = [
                'channel-item',
                c.id === props.selectedChannelId ? 'active' : '',
                unread ? 'unread' : '',
                muted ? 'muted-channel' : '',
                dropping ? 'drop-target' : '',
              ];
              return (
                <div className={classes.filter(Boolean).join(' ')} {...dragProps}>
                  <button
                    className="channel-link"
                    onClick={() => props.onSelectChannel(c.id)}
                    data-testid="channel-item"
                    data-channel-name={c.name}
                    data-unread={unread || undefined}
                    aria-label={`${c.type === 'voice' ? 'voice channel ' : ''}${c.name}${a?.mentions ? `, ${a.mentions} mentions` : unread ? ', unread' : ''}`}
                  >
                    <span className="hash" aria-hidden="true">
                      {c.type === 'voice' ? '🔊' : '#'}
                    </span>
                    <span className="channel-name">{c.name}</span>
                    {!!a?.mentions && (
                      <span className="badge" data-testid="channel-mention-badge">
                        {a.mentions}
                      </span>
                    )}
                  </button>
                  {(manageChannels || access.can(Permissions.MANAGE_ROLES)) && (
                    <span className="channel-tools">
                      <button
                        className="icon-btn"
                        title="Edit channel"
                        aria-label={`Edit #${c.name}`}
                        onClick={() => setDialog({ kind: 'settings', channel: c })}
                        data-testid="edit-channel"
                      >
                        <Icon name="pencil" size={14} />
                      </button>
                      {manageChannels && (
                        <button
                          className="icon-btn danger"
                          title="Delete channel"
                          aria-label={`Delete #${c.name}`}
                          onClick={() => setDialog({ kind: 'delete', channel: c })}
                          data-testid="delete-channel"
                        >
                          <Icon name="trash" size={14} />
                        </button>
                      )}
                    </span>
                  )}
                </div>
              );
            }}
          />
        )}
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
        <CreateChannelDialog
          server={server}
          channels={props.channels ?? []}
          parentId={dialog.parentId}
          onClose={close}
          onDone={props.onSelectChannel}
        />
      )}
      {dialog?.kind === 'settings' && server && (
        <ChannelSettings server={server} channel={dialog.channel} access={access} onClose={close} />
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
