/** The signed-in app: servers, channels, messages, members, and the connection banner. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { session } from '../api/auth-session.ts';
import { identity, official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { parseInvite } from '../chat/linkify.ts';
import { useAbilities } from '../chat/permissions.ts';
import { GatewayProvider, useGateway, useGatewayStatus } from '../gateway/gateway-context.tsx';
import { ChannelSidebar } from './ChannelSidebar.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { MemberList } from './MemberList.tsx';
import { MessagePane } from './MessagePane.tsx';
import { ServerRail } from './ServerRail.tsx';
import { Toasts } from './Toasts.tsx';
import { Icon } from './Icon.tsx';

const SELECTION_KEY = 'twopointo.selection';

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
  const abilities = useAbilities(server, me.id, members.data);

  const channel = useMemo(() => {
    const list = channels.data ?? [];
    const wanted = sid ? selection.channelByServer[sid] : undefined;
    return list.find((c) => c.id === wanted) ?? list[0];
  }, [channels.data, sid, selection.channelByServer]);

  // follow the current server's channels live (earlier servers stay subscribed, so presence holds)
  const channelIds = useMemo(() => channels.data?.map((c) => c.id), [channels.data]);
  useEffect(() => {
    if (sid && channelIds) gateway.subscribe(sid, channelIds);
  }, [gateway, sid, channelIds]);

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

  const selectServer = useCallback((id: string) => setSelection((s) => ({ ...s, serverId: id })), []);
  const selectChannel = useCallback(
    (id: string) => {
      if (!sid) return;
      setSelection((s) => ({ serverId: sid, channelByServer: { ...s.channelByServer, [sid]: id } }));
      setChannelsOpen(false);
    },
    [sid],
  );

  const onInviteHandled = useCallback(() => {
    setInvite(null);
    if (window.location.pathname.startsWith('/invite/')) window.history.replaceState(null, '', '/');
  }, []);

  const rootClass = ['app', channelsOpen ? 'channels-open' : '', membersOpen ? 'members-open' : ''].join(' ');

  return (
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
          <ErrorBoundary compact key={channel?.id ?? 'none'}>
            {servers.isError ? (
              <div className="empty" role="alert">
                Could not load your servers: {errorMessage(servers.error)}
              </div>
            ) : channel ? (
              <MessagePane channel={channel} me={me} canManageMessages={abilities.manageMessages} />
            ) : (
              <Empty
                hasServer={!!server}
                loading={servers.isPending || (channels.isPending && !!sid)}
                canCreate={abilities.manageChannels}
              />
            )}
          </ErrorBoundary>
          {server && membersOpen && (
            <MemberList
              members={members.data}
              error={members.error ? errorMessage(members.error) : null}
              ownerId={server.owner_id}
            />
          )}
        </div>
      </main>
    </div>
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
