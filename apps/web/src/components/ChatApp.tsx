/**
 * The signed-in app: servers, channels, messages, members, search, and the connection banner.
 * What is shown comes from the address (routing/use-chat-place.ts); the servers side, Home,
 * read states, desktop notifications and the side panels each live in a hook of chat-app/.
 */
import { useQuery } from '@tanstack/react-query';
import type { UserRef } from '@twopointo/shared';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { session } from '../api/auth-session.ts';
import { identity } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { notificationSettings } from '../chat/notification-settings.ts';
import { useAbilities } from '../chat/permissions.ts';
import { stateOf } from '../chat/read-states.ts';
import { parseSearch } from '../chat/search-query.ts';
import { useServerAccess } from '../community/server-access.ts';
import { serverSettingsSections } from '../community/server-settings-sections.ts';
import { TimedOutNotice, useTimedOutUntil } from '../community/TimedOutNotice.tsx';
import { dmTitle } from '../dms/dm-cache.ts';
import { DmList } from '../dms/DmList.tsx';
import { GatewayProvider, useGatewayStatus } from '../gateway/gateway-context.tsx';
import { rememberPlace } from '../routing/last-place.ts';
import type { ChatPlace } from '../routing/places.ts';
import { useChatPlace } from '../routing/use-chat-place.ts';
import { ProfileCardHost, profileCardStore } from '../settings/profile-card-context.tsx';
import { VideoStage } from '../voice/VideoStage.tsx';
import { useVoiceStatesOf, VoiceProvider } from '../voice/VoiceProvider.tsx';
import { ChannelSidebar } from './ChannelSidebar.tsx';
import { ChatHeader, Unavailable } from './chat-app/ChatHeader.tsx';
import { CommunityProvider, MentionContext, useServerMentions } from './chat-app/CommunityProvider.tsx';
import { useAttention } from './chat-app/use-attention.ts';
import { useDesktopNotifications } from './chat-app/use-desktop-notifications.ts';
import { dmLabel, useHome } from './chat-app/use-home.ts';
import { usePanels } from './chat-app/use-panels.ts';
import { useServers } from './chat-app/use-servers.ts';
import { SignOutDialog } from './dialogs/SignOutDialog.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { MemberList } from './MemberList.tsx';
import { MessagePane } from './MessagePane.tsx';
import { PinsPanel } from './pins/PinsPanel.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { ServerRail } from './ServerRail.tsx';
import { Toasts } from './Toasts.tsx';
import { UserPanel } from './UserPanel.tsx';

// the settings screens load when first opened
const SettingsScreen = lazy(() =>
  import('../settings/SettingsScreen.tsx').then((m) => ({ default: m.SettingsScreen })),
);
const ServerSettings = lazy(() =>
  import('../community/ServerSettings.tsx').then((m) => ({ default: m.ServerSettings })),
);

export function ChatApp() {
  const me = useQuery({ queryKey: keys.me, queryFn: identity.me });
  if (me.isPending) return <div className="splash">Loading…</div>;
  if (me.isError) {
    return (
      <div className="splash" role="alert">
        <p>Could not load your account: {errorMessage(me.error)}</p>
        <button className="btn" onClick={() => void me.refetch()}>
          Try again
        </button>
        <button className="btn btn-secondary" onClick={() => void session.logout()}>
          Sign out
        </button>
      </div>
    );
  }
  return (
    <GatewayProvider myId={me.data.id}>
      <VoiceProvider myId={me.data.id}>
        <ChatLayout me={me.data} />
      </VoiceProvider>
      <Toasts />
    </GatewayProvider>
  );
}

export default ChatApp;

function ChatLayout({ me }: { me: UserRef }) {
  const status = useGatewayStatus();
  const route = useChatPlace();
  const { place, view, explicit, jump } = route;
  const panels = usePanels();
  const { channelsOpen, setChannelsOpen, membersOpen, setMembersOpen, pinsOpen, setPinsOpen } = panels;
  const { searchText, setSearchText } = panels;
  const [signingOut, setSigningOut] = useState(false);

  // before the first read of the settings below; a new user means a new ChatLayout
  useState(() => notificationSettings.use(me.id));

  const s = useServers(view, explicit);
  const { servers, server, sid, channels, channel, members, roles } = s;
  const homeState = useHome(view, explicit, me, route.selectDm);
  const { home, dmList, dm, isBlocked, openDmWith } = homeState;
  const abilities = useAbilities(server, me.id, members.data);
  useVoiceStatesOf(sid);
  const access = useServerAccess(server, me.id);
  const timedOutUntil = useTimedOutUntil(members.data?.find((m) => m.user.id === me.id));
  const { readStates, summary, dmSummary, onRead } = useAttention(s.channelsByServer, home ? dm : channel);
  const { openMessage } = route;
  useDesktopNotifications(
    me.id,
    useCallback(
      (serverId: string | null, cid: string, mid: string) => {
        setChannelsOpen(false);
        openMessage(serverId, cid, mid);
      },
      [openMessage, setChannelsOpen],
    ),
  );
  const mentionContext = useServerMentions(server, me, members.data, roles.data, abilities.mentionEveryone);

  const missing = home
    ? homeState.dmMissing
      ? ('dm' as const)
      : null
    : s.serverMissing
      ? ('server' as const)
      : s.channelMissing
        ? ('channel' as const)
        : null;

  // the place as resolved: remembered, and written into the address when it named less
  const resolved = useMemo<ChatPlace | null>(() => {
    if (missing) return null;
    if (home) return dm ? { kind: 'dm', channelId: dm.id } : dmList.data ? { kind: 'home' } : null;
    return server && channel ? { kind: 'server', serverId: server.id, channelId: channel.id } : null;
  }, [missing, home, dm, dmList.data, server, channel]);
  const { canonicalize } = route;
  useEffect(() => {
    if (!resolved) return;
    rememberPlace(resolved);
    // `/`, an address that is none of ours, a server without a channel, Home without a DM: the
    // address becomes the place shown
    const vague =
      place.kind === 'root' ||
      place.kind === 'unknown' ||
      (place.kind === 'server' && !place.channelId) ||
      (place.kind === 'home' && resolved.kind === 'dm');
    if (vague) canonicalize(resolved);
  }, [resolved, place, canonicalize]);
  // picking a conversation closes the channel drawer (narrow screens); picking a server does not
  const closing =
    <A extends unknown[]>(f: (...a: A) => void) =>
    (...a: A) => {
      setChannelsOpen(false);
      f(...a);
    };

  const parsedSearch = useMemo(
    () =>
      searchText === null
        ? null
        : parseSearch(searchText, { users: mentionContext.users, channels: channels.data ?? [] }),
    [searchText, mentionContext.users, channels.data],
  );

  // while the socket is down nobody's presence is known: nobody is shown online
  const shownMembers = useMemo(
    () =>
      status === 'ready'
        ? members.data
        : members.data?.map((m) => (m.status === 'online' ? { ...m, status: 'offline' as const } : m)),
    [status, members.data],
  );

  const invite = place.kind === 'invite' ? place.code : null;
  const rootClass = [
    'app',
    channelsOpen ? 'channels-open' : '',
    membersOpen ? 'members-open' : '',
    status === 'reconnecting' ? 'reconnecting' : '',
  ].join(' ');
  const showMembers = !!server && !home && membersOpen && searchText === null && !pinsOpen && !missing;
  const userPanel = (
    <UserPanel
      me={me}
      status={status}
      onLogout={() => setSigningOut(true)}
      onOpenSettings={() => route.openSettings()}
    />
  );

  return (
    <CommunityProvider server={server} me={me} access={access} members={members.data} roles={roles.data}>
      <div className={rootClass} data-testid="chat-app">
        {status === 'reconnecting' && (
          <div className="banner" role="status" data-testid="reconnecting-banner">
            Reconnecting…
          </div>
        )}
        <div className="drawer">
          <ServerRail
            servers={servers.data ?? []}
            selectedId={sid ?? null}
            attention={summary.servers}
            onSelect={route.selectServer}
            initialInvite={invite}
            onInviteHandled={route.leaveInvite}
            home={{
              selected: home,
              attention: dmSummary.total,
              onSelect: closing(() => route.selectDm(null)),
            }}
          />
          {home ? (
            <DmList
              dms={dmList.data}
              error={dmList.error}
              attention={dmSummary.dms}
              selectedId={dm?.id ?? null}
              onSelect={closing(route.selectDm)}
              footer={userPanel}
            />
          ) : (
            <ChannelSidebar
              server={server}
              channels={channels.data}
              channelsError={channels.error}
              selectedChannelId={channel?.id ?? null}
              onSelectChannel={closing((cid: string) => sid && route.selectChannel(sid, cid))}
              attention={summary.channels}
              abilities={abilities}
              me={me}
              status={status}
              onLogout={() => setSigningOut(true)}
              onOpenSettings={() => route.openSettings()}
              onOpenServerSettings={() => sid && route.openServerSettings(sid)}
              onLeft={route.goRoot}
            />
          )}
        </div>
        {channelsOpen && <div className="scrim" onClick={() => setChannelsOpen(false)} />}
        {signingOut && <SignOutDialog onClose={() => setSigningOut(false)} />}
        <main className="main">
          <ChatHeader
            me={me}
            home={home}
            dm={dm}
            server={missing ? undefined : server}
            channel={missing ? undefined : channel}
            panels={panels}
            onDmLeft={() => route.selectDm(null)}
          />
          <VideoStage myId={me.id} />
          <div className="main-body">
            <MentionContext.Provider value={home ? homeState.dmMentionContext : mentionContext}>
              <ErrorBoundary compact key={(home ? dm?.id : channel?.id) ?? 'none'}>
                {missing ? (
                  <Unavailable
                    what={missing}
                    onLeave={() => (home ? route.selectDm(null) : route.goRoot())}
                  />
                ) : home ? (
                  dm ? (
                    <MessagePane
                      channel={{
                        id: dm.id,
                        name: dmTitle(dm),
                        last_message_id: dm.last_message_id,
                        label: dmLabel(dm),
                      }}
                      me={me}
                      canManageMessages={false}
                      readState={readStates.data ? stateOf(readStates.data, dm.id) : undefined}
                      onRead={onRead}
                      jumpTo={jump?.channelId === dm.id ? jump : null}
                      isBlocked={isBlocked}
                    />
                  ) : (
                    <div className="empty" data-testid="home-empty">
                      <h2>Direct messages</h2>
                      <p className="muted">
                        Message someone from a server's member list, or start a group with +.
                      </p>
                    </div>
                  )
                ) : servers.isError ? (
                  <div className="empty" role="alert">
                    Could not load your servers: {errorMessage(servers.error)}
                  </div>
                ) : channel ? (
                  <MessagePane
                    channel={channel}
                    me={me}
                    canManageMessages={abilities.manageMessages}
                    canAddReactions={abilities.addReactions}
                    onOpenPins={() => setPinsOpen(true)}
                    readState={readStates.data ? stateOf(readStates.data, channel.id) : undefined}
                    onRead={onRead}
                    jumpTo={jump?.channelId === channel.id ? jump : null}
                    isBlocked={isBlocked}
                    blockedNotice={timedOutUntil && <TimedOutNotice until={timedOutUntil} />}
                  />
                ) : (
                  <Empty
                    hasServer={!!server}
                    loading={servers.isPending || (channels.isPending && !!sid)}
                    canCreate={abilities.manageChannels}
                    onOpenMenu={() => setChannelsOpen(true)}
                  />
                )}
              </ErrorBoundary>
              {channel && !home && !missing && pinsOpen && searchText === null && (
                <PinsPanel
                  key={channel.id}
                  channel={channel}
                  canUnpin={abilities.manageMessages}
                  onJump={closing((mid: string) => route.openMessage(channel.server_id, channel.id, mid))}
                  onClose={() => setPinsOpen(false)}
                />
              )}
              {server && !home && parsedSearch && searchText !== null && (
                <SearchPanel
                  key={`${server.id}:${searchText}`}
                  server={server}
                  channels={channels.data}
                  text={searchText}
                  parsed={parsedSearch}
                  onOpen={closing((cid: string, mid: string) => route.openMessage(server.id, cid, mid))}
                  onClose={() => setSearchText(null)}
                />
              )}
            </MentionContext.Provider>
            {showMembers && (
              // narrow: the list is an overlay, closed by a tap beside it (or Escape)
              <div
                className="members-scrim"
                onClick={() => setMembersOpen(false)}
                data-testid="members-scrim"
              />
            )}
            {showMembers && (
              <MemberList
                members={shownMembers}
                roles={roles.data}
                error={members.error ? errorMessage(members.error) : null}
                ownerId={server.owner_id}
                myId={me.id}
                onMessage={openDmWith}
              />
            )}
          </div>
        </main>
        <ProfileCardHost
          serverId={home ? null : (sid ?? null)}
          actions={(user) =>
            user.id !== me.id && (
              <button
                className="btn"
                onClick={() => {
                  profileCardStore.close();
                  openDmWith(user.id);
                }}
                data-testid="profile-card-message"
              >
                Message
              </button>
            )
          }
        />
        <Suspense fallback={null}>
          {place.kind === 'settings' && (
            <SettingsScreen
              key="user-settings"
              initial={place.section}
              onSection={route.setSection}
              onClose={route.closeOverlay}
            />
          )}
          {place.kind === 'server-settings' &&
            server?.id === place.serverId &&
            serverSettingsSections(access).length > 0 && (
              <ServerSettings
                server={server}
                me={me}
                access={access}
                initial={place.section}
                onSection={route.setSection}
                onClose={route.closeOverlay}
                onGone={route.goRoot}
              />
            )}
        </Suspense>
      </div>
    </CommunityProvider>
  );
}

function Empty({
  hasServer,
  loading,
  canCreate,
  onOpenMenu,
}: {
  hasServer: boolean;
  loading: boolean;
  canCreate: boolean;
  /** narrow screens: the buttons the hint names are in the drawer */
  onOpenMenu: () => void;
}) {
  if (loading) return <div className="empty muted">Loading…</div>;
  const openMenu = (label: string) => (
    <button className="btn only-narrow" onClick={onOpenMenu} data-testid="empty-open-menu">
      {label}
    </button>
  );
  if (!hasServer) {
    return (
      <div className="empty" data-testid="no-servers">
        <h2>No servers yet</h2>
        <p className="muted">Create a server with + in the server list, or join one with an invite code.</p>
        {openMenu('Open the server list')}
      </div>
    );
  }
  return (
    <div className="empty">
      <h2>No channels here</h2>
      <p className="muted">
        {canCreate
          ? 'Create the first channel with + next to "Text channels".'
          : 'You cannot see any channel in this server yet.'}
      </p>
      {canCreate && openMenu('Open the channel list')}
    </div>
  );
}
