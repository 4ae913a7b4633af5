/**
 * The signed-in app: servers, channels, messages, members, search, and the connection banner;
 * it keeps read states and every server's channels (for the unread marks), the tab title, the
 * acks and the desktop notifications.
 */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, Server } from '@twopointo/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { attention } from '../api/attention.ts';
import { session } from '../api/auth-session.ts';
import { identity, official } from '../api/endpoints.ts';
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
import { MemberMenuProvider } from '../community/MemberMenu.tsx';
import { useServerAccess } from '../community/server-access.ts';
import { TimedOutNotice, useTimedOutUntil } from '../community/TimedOutNotice.tsx';
import { GatewayProvider, useGateway, useGatewayStatus } from '../gateway/gateway-context.tsx';
import { ChannelSidebar } from './ChannelSidebar.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { MemberList } from './MemberList.tsx';
import { MentionContext, type MentionContextValue } from './mention-context.tsx';
import { MessagePane, type JumpRequest } from './MessagePane.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { ServerRail } from './ServerRail.tsx';
import { Toasts } from './Toasts.tsx';
import { Icon } from './Icon.tsx';

const SELECTION_KEY = 'twopointo.selection';
/** a replayed or late message older than this does not pop up on the desktop */
const NOTIFY_MAX_AGE_MS = 120_000;

interface Selection {
  serverId: string | null;
  channelByServer: Record<string, string>;
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
      <ChatLayout me={{ id: me.data.id, username: me.data.username }} />
      <Toasts />
    </GatewayProvider>
  );
}

function ChatLayout({ me }: { me: { id: string; username: string } }) {
  const qc = useQueryClient();
  const gateway = useGateway();
  const status = useGatewayStatus();
  const [selection, setSelection] = useState<Selection>(loadSelection);
  const [invite, setInvite] = useState<string | null>(inviteFromLocation);
  const [channelsOpen, setChannelsOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(() => window.innerWidth >= 1000);
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
  useEffect(() => {
    document.title = tabTitle(summary);
  }, [summary]);
  useEffect(() => () => void (document.title = tabTitle({ mentions: 0, unread: false })), []);

  const channel = useMemo(() => {
    const list = channels.data ?? [];
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
    setSelection((s) => ({ ...s, serverId: id }));
  }, []);
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
      if (!channel) return;
      markReadLocally(qc, channel, mid);
      acks.ack(channel.id, mid);
    },
    [channel, qc, acks],
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
        const mentioned = mentionsMe(m, me.id, myRoleIds(qc, m.server_id, me.id)) === true;
        if (!shouldNotify(notificationSettings.get(), m, mentioned)) return;
        const channelName = qc
          .getQueryData<Channel[]>(keys.channels(m.server_id))
          ?.find((c) => c.id === m.channel_id)?.name;
        const serverName = qc.getQueryData<Server[]>(keys.servers)?.find((x) => x.id === m.server_id)?.name;
        const users = qc.getQueryData<{ user: { id: string; username: string } }[]>(
          keys.members(m.server_id),
        );
        const body = toDisplay(m.content, { users: users?.map((u) => u.user) ?? [], roles: [] });
        showDesktopNotification({
          title: `${m.author.username}${channelName ? ` in #${channelName}` : ''}${serverName ? ` (${serverName})` : ''}`,
          body: body || (m.attachments.length ? 'Sent an attachment' : ''),
          tag: m.id,
          onClick: () => openMessage(m.server_id, m.channel_id, m.id),
        });
      }),
    [gateway, qc, me.id, openMessage],
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

  const rootClass = ['app', channelsOpen ? 'channels-open' : '', membersOpen ? 'members-open' : ''].join(' ');

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
          />
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
            onLogout={() => void session.logout()}
            onLeft={() => setSelection((s) => ({ ...s, serverId: null }))}
          />
        </div>
        {channelsOpen && <div className="scrim" onClick={() => setChannelsOpen(false)} />}
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
            {channel ? (
              <h1 className="channel-title" data-testid="channel-title">
                <span className="hash">#</span>
                {channel.name}
                {channel.topic && <span className="topic">{channel.topic}</span>}
              </h1>
            ) : (
              <h1 className="channel-title muted">{server ? 'No channel' : 'twopointo'}</h1>
            )}
            <span className="spacer" />
            {server && (
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
            {server && (
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
          <div className="main-body">
            <MentionContext.Provider value={mentionContext}>
              <ErrorBoundary compact key={channel?.id ?? 'none'}>
                {servers.isError ? (
                  <div className="empty" role="alert">
                    Could not load your servers: {errorMessage(servers.error)}
                  </div>
                ) : channel ? (
                  <MessagePane
                    channel={channel}
                    me={me}
                    canManageMessages={abilities.manageMessages}
                    readState={readStates.data ? stateOf(readStates.data, channel.id) : undefined}
                    onRead={onRead}
                    jumpTo={jump?.channelId === channel.id ? jump : null}
                    blockedNotice={timedOutUntil && <TimedOutNotice until={timedOutUntil} />}
                  />
                ) : (
                  <Empty
                    hasServer={!!server}
                    loading={servers.isPending || (channels.isPending && !!sid)}
                    canCreate={abilities.manageChannels}
                  />
                )}
              </ErrorBoundary>
              {server && parsedSearch && searchText !== null && (
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
            {server && membersOpen && searchText === null && (
              <MemberList
                members={members.data}
                roles={roles.data}
                error={members.error ? errorMessage(members.error) : null}
                ownerId={server.owner_id}
              />
            )}
          </div>
        </main>
      </div>
    </MemberMenuProvider>
  );
}

function Empty({
  hasServer,
  loading,
  canCreate,
}: {
  hasServer: boolean;
  loading: boolean;
  canCreate: boolean;
}) {
  if (loading) return <div className="empty muted">Loading…</div>;
  if (!hasServer) {
    return (
      <div className="empty" data-testid="no-servers">
        <h2>No servers yet</h2>
        <p className="muted">Create a server with + on the left, or join one with an invite code.</p>
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
    </div>
  );
}
