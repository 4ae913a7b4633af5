/**
 * The signed-in app: servers, channels, messages, members, search, and the connection banner;
 * it keeps read states and every server's channels (for the unread marks), the tab title, the
 * acks and the desktop notifications.
 */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, DmChannel, Server, UserRef } from '@twopointo/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { attention } from '../api/attention.ts';
import { session } from '../api/auth-session.ts';
import { dms as dmApi, identity, official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { createAckThrottle } from '../chat/ack-throttle.ts';
import { markReadLocally } from '../chat/attention-cache.ts';
import { showDesktopNotification } from '../chat/desktop-notifications.ts';
import { parseInvite } from '../chat/linkify.ts';
import { toDisplay } from '../chat/mentions.ts';
import { myRoleIds } from '../chat/my-roles.ts';
import {
  isMuted,
  notificationSettings,
  shouldNotify,
  useNotificationSettings,
} from '../chat/notification-settings.ts';
import { useAbilities } from '../chat/permissions.ts';
import { compareIds } from '../chat/message-cache.ts';
import { mentionsMe, stateOf, summarize, tabTitle, toReadStates } from '../chat/read-states.ts';
import { parseSearch } from '../chat/search-query.ts';
import { dmAttention, dmTitle, upsertDm } from '../dms/dm-cache.ts';
import { DmHeader } from '../dms/DmHeader.tsx';
import { DmList } from '../dms/DmList.tsx';
import { MemberMenuProvider } from '../community/MemberMenu.tsx';
import { useServerAccess } from '../community/server-access.ts';
import { TimedOutNotice, useTimedOutUntil } from '../community/TimedOutNotice.tsx';
import { GatewayProvider, useGateway, useGatewayStatus } from '../gateway/gateway-context.tsx';
import { ChannelSidebar } from './ChannelSidebar.tsx';
import { SignOutDialog } from './dialogs/SignOutDialog.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { MemberList } from './MemberList.tsx';
import { MentionContext, type MentionContextValue } from './mention-context.tsx';
import { ConvIcon } from './conv-icons.tsx';
import { MessagePane, type JumpRequest } from './MessagePane.tsx';
import { PinsPanel } from './pins/PinsPanel.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { ServerRail } from './ServerRail.tsx';
import { showError, Toasts } from './Toasts.tsx';
import { UserPanel } from './UserPanel.tsx';
import { Icon } from './Icon.tsx';
import { ProfileCardHost, profileCardStore } from '../settings/profile-card-context.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { VideoStage } from '../voice/VideoStage.tsx';
import { useVoiceStatesOf, VoiceProvider } from '../voice/VoiceProvider.tsx';

const SELECTION_KEY = 'twopointo.selection';
/** a replayed or late message older than this does not pop up on the desktop */
const NOTIFY_MAX_AGE_MS = 120_000;

interface Selection {
  serverId: string | null;
  channelByServer: Record<string, string>;
  /** Home (the DMs) is open instead of a server */
  home?: boolean;
  dmId?: string | null;
}

function loadSelection(): Selection {
  try {
    const raw = JSON.parse(localStorage.getItem(SELECTION_KEY) ?? 'null') as Selection | null;
    if (raw && typeof raw === 'object' && typeof raw.channelByServer === 'object') return raw;
  } catch {
    // a broken value is just forgotten
  }
  return { serverId: null, channelByServer: {} };
}

function inviteFromLocation(): string | null {
  return window.location.pathname.startsWith('/invite/') ? parseInvite(window.location.pathname) : null;
}

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

function ChatLayout({ me }: { me: UserRef }) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const qc = useQueryClient();
  const gateway = useGateway();
  const status = useGatewayStatus();
  const [selection, setSelection] = useState<Selection>(loadSelection);
  const [invite, setInvite] = useState<string | null>(inviteFromLocation);
  const [channelsOpen, setChannelsOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [membersOpen, setMembersOpen] = useState(() => window.innerWidth >= 1000);
  const [pinsOpen, setPinsOpen] = useState(false);
  const [jump, setJump] = useState<(JumpRequest & { channelId: string }) | null>(null);
  const jumpSeq = useRef(0);
  const [searchInput, setSearchInput] = useState('');
  const [searchText, setSearchText] = useState<string | null>(null);

  // before the first read of the settings below; a new user means a new ChatLayout
  useState(() => notificationSettings.use(me.id));
  const settings = useNotificationSettings();

  useEffect(() => localStorage.setItem(SELECTION_KEY, JSON.stringify(selection)), [selection]);

  // the member list is a side column when there is room and an overlay when not
  useEffect(() => {
    const narrow = window.matchMedia('(max-width: 1000px)');
    const onChange = () => setMembersOpen(!narrow.matches);
    narrow.addEventListener('change', onChange);
    return () => narrow.removeEventListener('change', onChange);
  }, []);

  // Escape closes whichever drawer covers the chat (a dialog on top handles its own Escape first)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      setChannelsOpen(false);
      if (window.matchMedia('(max-width: 1000px)').matches) setMembersOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const servers = useQuery({ queryKey: keys.servers, queryFn: official.myServers });
  const server = useMemo(() => {
    const list = servers.data ?? [];
    return list.find((s) => s.id === selection.serverId) ?? list[0];
  }, [servers.data, selection.serverId]);
  const sid = server?.id;

  const channels = useQuery({
    queryKey: keys.channels(sid ?? ''),
    queryFn: () => official.channels(sid!),
    enabled: !!sid,
  });
  const members = useQuery({
    queryKey: keys.members(sid ?? ''),
    queryFn: () => official.members(sid!),
    enabled: !!sid,
  });
  const roles = useQuery({
    queryKey: keys.roles(sid ?? ''),
    queryFn: () => official.roles(sid!),
    enabled: !!sid,
    retry: false,
  });
  const abilities = useAbilities(server, me.id, members.data);
  useVoiceStatesOf(sid);
  const access = useServerAccess(server, me.id);
  const timedOutUntil = useTimedOutUntil(members.data?.find((m) => m.user.id === me.id));

  // every server's channels, for the unread marks on the rail (and to follow them live)
  const serverList = servers.data;
  const everyChannels = useQueries({
    queries: (serverList ?? []).map((s) => ({
      queryKey: keys.channels(s.id),
      queryFn: () => official.channels(s.id),
    })),
    combine: (results) => results.map((r) => r.data),
  });
  const channelsByServer = useMemo(() => {
    const out: Record<string, Channel[] | undefined> = {};
    (serverList ?? []).forEach((s, i) => (out[s.id] = everyChannels[i]));
    return out;
  }, [serverList, everyChannels]);

  const readStates = useQuery({
    queryKey: keys.readStates,
    queryFn: () => attention.readStates().then(toReadStates),
  });
  const summary = useMemo(
    () => summarize(channelsByServer, readStates.data, (s, c) => isMuted(settings, s, c)),
    [channelsByServer, readStates.data, settings],
  );
  const dmList = useQuery({ queryKey: keys.dms, queryFn: dmApi.list });
  const dmSummary = useMemo(() => dmAttention(dmList.data, readStates.data), [dmList.data, readStates.data]);
  const blocks = useQuery({ queryKey: keys.blocks, queryFn: dmApi.blocks });
  const isBlocked = useMemo(() => {
    const ids = new Set(blocks.data?.map((u) => u.id));
    return (authorId: string) => ids.has(authorId);
  }, [blocks.data]);
  const home = !!selection.home;
  const dm = useMemo(() => {
    if (!home) return undefined;
    const list = dmList.data ?? [];
    return list.find((d) => d.id === selection.dmId) ?? list[0];
  }, [home, dmList.data, selection.dmId]);
  useEffect(() => {
    document.title = tabTitle({
      mentions: summary.mentions + dmSummary.total.mentions,
      unread: summary.unread || dmSummary.total.unread,
    });
  }, [summary, dmSummary]);
  useEffect(() => () => void (document.title = tabTitle({ mentions: 0, unread: false })), []);

  const channel = useMemo(() => {
    // voice channels are joined, not read
    const list = (channels.data ?? []).filter((c) => c.type !== 'voice');
    const wanted = sid ? selection.channelByServer[sid] : undefined;
    return list.find((c) => c.id === wanted) ?? list[0];
  }, [channels.data, sid, selection.channelByServer]);

  // follow every server's channels live: their new messages mark them unread
  useEffect(() => {
    for (const [id, list] of Object.entries(channelsByServer))
      if (list)
        gateway.subscribe(
          id,
          list.map((c) => c.id),
        );
  }, [gateway, channelsByServer]);

  // a server joined (or left) brings read states of its own: ask again
  const serverIds = servers.data?.map((s) => s.id).join(',');
  const seenServerIds = useRef(serverIds);
  useEffect(() => {
    if (serverIds === undefined || seenServerIds.current === serverIds) return;
    if (seenServerIds.current !== undefined) void qc.invalidateQueries({ queryKey: keys.readStates });
    seenServerIds.current = serverIds;
  }, [serverIds, qc]);

  // servers we are no longer in
  useEffect(() => {
    if (!servers.data) return;
    const ids = new Set(servers.data.map((s) => s.id));
    for (const key of qc.getQueryCache().findAll({ queryKey: keys.allChannels })) {
      const id = key.queryKey[1] as string;
      if (id && !ids.has(id)) {
        gateway.unsubscribe(id);
        qc.removeQueries({ queryKey: keys.channels(id) });
        qc.removeQueries({ queryKey: keys.members(id) });
      }
    }
  }, [servers.data, gateway, qc]);

  const selectServer = useCallback((id: string) => {
    setJump(null);
    setSelection((s) => ({ ...s, serverId: id, home: false }));
  }, []);
  const selectDm = useCallback((id: string | null) => {
    setJump(null);
    setSelection((s) => ({ ...s, home: true, dmId: id ?? s.dmId ?? null }));
    setChannelsOpen(false);
  }, []);
  /** the 1:1 DM with a user (found or created on the server), opened on Home */
  const openDmWith = useCallback(
    (userId: string) => {
      dmApi
        .open([userId])
        .then((d) => {
          qc.setQueryData<DmChannel[]>(keys.dms, (l) => upsertDm(l, d));
          selectDm(d.id);
        })
        .catch(showError);
    },
    [qc, selectDm],
  );
  const selectChannel = useCallback(
    (id: string) => {
      if (!sid) return;
      setJump(null);
      setSelection((s) => ({ serverId: sid, channelByServer: { ...s.channelByServer, [sid]: id } }));
      setChannelsOpen(false);
    },
    [sid],
  );

  /** shows a message in its channel (from search or a desktop notification) */
  const openMessage = useCallback((serverId: string, channelId: string, messageId: string) => {
    setSelection((s) => ({ serverId, channelByServer: { ...s.channelByServer, [serverId]: channelId } }));
    setChannelsOpen(false);
    setJump({ channelId, messageId, seq: ++jumpSeq.current });
  }, []);
  const openDmMessage = useCallback((channelId: string, messageId: string) => {
    setSelection((s) => ({ ...s, home: true, dmId: channelId }));
    setChannelsOpen(false);
    setJump({ channelId, messageId, seq: ++jumpSeq.current });
  }, []);

  // reading marks read here at once; the server hears at most once every few seconds per channel
  const [acks] = useState(() => createAckThrottle(attention.ack));
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') acks.flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      acks.clear();
    };
  }, [acks]);
  const onRead = useCallback(
    (mid: string) => {
      const open = home ? dm : channel;
      if (!open) return;
      markReadLocally(qc, open, mid);
      acks.ack(open.id, mid);
    },
    [home, dm, channel, qc, acks],
  );

  // desktop notifications, while the tab is hidden, as the settings say
  useEffect(
    () =>
      gateway.on('event', (ev) => {
        if (ev.t !== 'MESSAGE_CREATE' || ev.d.author.id === me.id) return;
        const m = ev.d;
        if (Date.now() - Date.parse(m.created_at) > NOTIFY_MAX_AGE_MS) return;
        const read = qc.getQueryData<ReturnType<typeof toReadStates>>(keys.readStates);
        const marker = stateOf(read, m.channel_id).last_read_id;
        if (marker && compareIds(m.id, marker) <= 0) return;
        if (m.server_id === null) {
          // a DM is for us: it notifies like a mention
          if (!shouldNotify(notificationSettings.get(), { server_id: '', channel_id: m.channel_id }, true))
            return;
          const d = qc.getQueryData<DmChannel[]>(keys.dms)?.find((x) => x.id === m.channel_id);
          showDesktopNotification({
            title: d?.type === 'group_dm' ? `${m.author.username} in ${dmTitle(d)}` : m.author.username,
            body: m.content || (m.attachments.length ? 'Sent an attachment' : ''),
            tag: m.id,
            onClick: () => openDmMessage(m.channel_id, m.id),
          });
          return;
        }
        const serverId = m.server_id;
        const mentioned = mentionsMe(m, me.id, myRoleIds(qc, serverId, me.id)) === true;
        if (
          !shouldNotify(
            notificationSettings.get(),
            { server_id: serverId, channel_id: m.channel_id },
            mentioned,
          )
        )
          return;
        const channelName = qc
          .getQueryData<Channel[]>(keys.channels(serverId))
          ?.find((c) => c.id === m.channel_id)?.name;
        const serverName = qc.getQueryData<Server[]>(keys.servers)?.find((x) => x.id === serverId)?.name;
        const users = qc.getQueryData<{ user: { id: string; username: string } }[]>(keys.members(serverId));
        const body = toDisplay(m.content, { users: users?.map((u) => u.user) ?? [], roles: [] });
        showDesktopNotification({
          title: `${m.author.username}${channelName ? ` in #${channelName}` : ''}${serverName ? ` (${serverName})` : ''}`,
          body: body || (m.attachments.length ? 'Sent an attachment' : ''),
          tag: m.id,
          onClick: () => openMessage(serverId, m.channel_id, m.id),
        });
      }),
    [gateway, qc, me.id, openMessage, openDmMessage],
  );

  const mentionContext = useMemo<MentionContextValue>(
    () => ({
      users: members.data?.map((m) => m.user) ?? [],
      roles: (roles.data ?? []).filter((r) => r.id !== sid && r.name !== '@everyone'),
      myId: me.id,
      myRoleIds: members.data?.find((m) => m.user.id === me.id)?.roles ?? null,
      everyone: abilities.mentionEveryone,
    }),
    [members.data, roles.data, sid, me.id, abilities.mentionEveryone],
  );

  // in a DM: its recipients (and us) can be mentioned, no roles, no @everyone
  const dmMentionContext = useMemo<MentionContextValue>(
    () => ({
      users: [...(dm?.recipients ?? []), { id: me.id, username: me.username }],
      roles: [],
      myId: me.id,
      myRoleIds: [],
      everyone: false,
    }),
    [dm, me.id, me.username],
  );

  const parsedSearch = useMemo(
    () =>
      searchText === null
        ? null
        : parseSearch(searchText, {
            users: mentionContext.users,
            channels: channels.data ?? [],
          }),
    [searchText, mentionContext.users, channels.data],
  );

  const onInviteHandled = useCallback(() => {
    setInvite(null);
    if (window.location.pathname.startsWith('/invite/')) window.history.replaceState(null, '', '/');
  }, []);

  // while the socket is down nobody's presence is known: nobody is shown online
  const shownMembers = useMemo(
    () =>
      status === 'ready'
        ? members.data
        : members.data?.map((m) => (m.status === 'online' ? { ...m, status: 'offline' as const } : m)),
    [status, members.data],
  );

  const rootClass = [
    'app',
    channelsOpen ? 'channels-open' : '',
    membersOpen ? 'members-open' : '',
    status === 'reconnecting' ? 'reconnecting' : '',
  ].join(' ');

  return (
    <MemberMenuProvider
      server={server}
      myId={me.id}
      access={access}
      members={members.data}
      roles={roles.data}
    >
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
            onSelect={(id) => {
              selectServer(id);
            }}
            initialInvite={invite}
            onInviteHandled={onInviteHandled}
            home={{ selected: home, attention: dmSummary.total, onSelect: () => selectDm(null) }}
          />
          {home ? (
            <DmList
              dms={dmList.data}
              error={dmList.error}
              attention={dmSummary.dms}
              selectedId={dm?.id ?? null}
              onSelect={selectDm}
              footer={
                <UserPanel
                  me={me}
                  status={status}
                  onLogout={() => setSigningOut(true)}
                  onOpenSettings={() => setSettingsOpen(true)}
                />
              }
            />
          ) : (
            <ChannelSidebar
              server={server}
              channels={channels.data}
              channelsError={channels.error}
              selectedChannelId={channel?.id ?? null}
              onSelectChannel={selectChannel}
              attention={summary.channels}
              abilities={abilities}
              me={me}
              status={status}
              onLogout={() => setSigningOut(true)}
              onOpenSettings={() => setSettingsOpen(true)}
              onLeft={() => setSelection((s) => ({ ...s, serverId: null }))}
            />
          )}
        </div>
        {channelsOpen && <div className="scrim" onClick={() => setChannelsOpen(false)} />}
        {signingOut && <SignOutDialog onClose={() => setSigningOut(false)} />}
        <main className="main">
          <header className="main-head">
            <button
              className="icon-btn only-narrow"
              aria-label="Show channels"
              onClick={() => setChannelsOpen((o) => !o)}
              data-testid="toggle-channels"
            >
              <Icon name="menu" />
            </button>
            {home ? (
              dm ? (
                <DmHeader dm={dm} myId={me.id} onLeft={() => setSelection((s) => ({ ...s, dmId: null }))} />
              ) : (
                <h1 className="channel-title muted">Home</h1>
              )
            ) : channel ? (
              <h1 className="channel-title" data-testid="channel-title">
                <span className="hash">#</span>
                {channel.name}
                {channel.topic && <span className="topic">{channel.topic}</span>}
              </h1>
            ) : (
              <h1 className="channel-title muted">{server ? 'No channel' : 'twopointo'}</h1>
            )}
            <span className="spacer" />
            {server && !home && (
              <form
                className="search-box"
                role="search"
                onSubmit={(e) => {
                  e.preventDefault();
                  setSearchText(searchInput.trim() || null);
                }}
              >
                <input
                  type="search"
                  value={searchInput}
                  placeholder="Search"
                  aria-label={`Search ${server.name}`}
                  onChange={(e) => setSearchInput(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      setSearchInput('');
                      setSearchText(null);
                    }
                  }}
                  data-testid="search-input"
                />
              </form>
            )}
            {channel && !home && (
              <button
                className={`icon-btn${pinsOpen ? ' on' : ''}`}
                aria-label={pinsOpen ? 'Hide pinned messages' : 'Pinned messages'}
                aria-pressed={pinsOpen}
                title="Pinned messages"
                onClick={() => setPinsOpen((o) => !o)}
                data-testid="toggle-pins"
              >
                <ConvIcon name="pin" size={20} />
              </button>
            )}
            {server && !home && (
              <button
                className={`icon-btn${membersOpen ? ' on' : ''}`}
                aria-label={membersOpen ? 'Hide members' : 'Show members'}
                aria-pressed={membersOpen}
                onClick={() => setMembersOpen((o) => !o)}
                data-testid="toggle-members"
              >
                <Icon name="users" size={20} />
              </button>
            )}
          </header>
          <VideoStage myId={me.id} />
          <div className="main-body">
            <MentionContext.Provider value={home ? dmMentionContext : mentionContext}>
              <ErrorBoundary compact key={(home ? dm?.id : channel?.id) ?? 'none'}>
                {home ? (
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
              {channel && !home && pinsOpen && searchText === null && (
                <PinsPanel
                  key={channel.id}
                  channel={channel}
                  canUnpin={abilities.manageMessages}
                  onJump={(mid) => openMessage(channel.server_id, channel.id, mid)}
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
                  onOpen={(cid, mid) => openMessage(server.id, cid, mid)}
                  onClose={() => setSearchText(null)}
                />
              )}
            </MentionContext.Provider>
            {server && !home && membersOpen && searchText === null && !pinsOpen && (
              // narrow: the list is an overlay, closed by a tap beside it (or Escape)
              <div
                className="members-scrim"
                onClick={() => setMembersOpen(false)}
                data-testid="members-scrim"
              />
            )}
            {server && !home && membersOpen && searchText === null && !pinsOpen && (
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
        {settingsOpen && <SettingsScreen onClose={() => setSettingsOpen(false)} />}
      </div>
    </MemberMenuProvider>
  );
}

/** How a DM is named in text: "@bob" for a 1:1 DM, the group's title otherwise. */
function dmLabel(d: DmChannel): string {
  return d.type === 'dm' && d.recipients[0] ? `@${d.recipients[0].username}` : dmTitle(d);
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
