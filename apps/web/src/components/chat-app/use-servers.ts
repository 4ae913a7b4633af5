/**
 * The servers side of the app: the servers list, the one shown (from the address, else the
 * last one, else the first) with its channels, members and roles, and every server's channels
 * followed live (for the unread marks). A server or channel the address names that is not
 * there (deleted, left, or hidden from you) is reported as missing, not replaced by another.
 */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { useEffect, useMemo, useRef } from 'react';
import { official } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { useGateway } from '../../gateway/gateway-context.tsx';
import { loadLastPlace } from '../../routing/last-place.ts';
import type { ChatPlace } from '../../routing/places.ts';

export function useServers(view: ChatPlace | null, explicit: boolean) {
  const qc = useQueryClient();
  const gateway = useGateway();
  const servers = useQuery({ queryKey: keys.servers, queryFn: official.myServers });
  const wantedServer = view?.kind === 'server' ? view.serverId : loadLastPlace().serverId;
  const serverNamed = view?.kind === 'server' && explicit;
  const server = useMemo(() => {
    const list = servers.data ?? [];
    const found = list.find((s) => s.id === wantedServer);
    return found ?? (serverNamed ? undefined : list[0]);
  }, [servers.data, wantedServer, serverNamed]);
  const serverMissing = serverNamed && !!servers.data && !server;
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

  const channelNamed = view?.kind === 'server' && !!view.channelId && explicit && view.serverId === sid;
  const wantedChannel =
    view?.kind === 'server' && view.serverId === sid && view.channelId
      ? view.channelId
      : sid
        ? loadLastPlace().channelByServer[sid]
        : undefined;
  const channel = useMemo(() => {
    // voice channels are joined, not read
    const list = (channels.data ?? []).filter((c) => c.type !== 'voice');
    return list.find((c) => c.id === wantedChannel) ?? (channelNamed ? undefined : list[0]);
  }, [channels.data, wantedChannel, channelNamed]);
  const channelMissing = channelNamed && !!channels.data && !channel;

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

  return {
    servers,
    server,
    sid,
    serverMissing,
    channels,
    channel,
    channelMissing,
    members,
    roles,
    channelsByServer,
  };
}
