/** Desktop notifications for new messages, while the tab is hidden, as the settings say. */
import { useQueryClient } from '@tanstack/react-query';
import type { Channel, DmChannel, Server } from '@twopointo/shared';
import { useEffect } from 'react';
import { keys } from '../../api/query-keys.ts';
import { showDesktopNotification } from '../../chat/desktop-notifications.ts';
import { compareIds } from '../../chat/message-cache.ts';
import { toDisplay } from '../../chat/mentions.ts';
import { myRoleIds } from '../../chat/my-roles.ts';
import { notificationSettings, shouldNotify } from '../../chat/notification-settings.ts';
import { mentionsMe, stateOf, toReadStates } from '../../chat/read-states.ts';
import { dmTitle } from '../../dms/dm-cache.ts';
import { useGateway } from '../../gateway/gateway-context.tsx';

/** a replayed or late message older than this does not pop up on the desktop */
const NOTIFY_MAX_AGE_MS = 120_000;

export function useDesktopNotifications(
  myId: string,
  openMessage: (serverId: string | null, channelId: string, messageId: string) => void,
) {
  const qc = useQueryClient();
  const gateway = useGateway();
  useEffect(
    () =>
      gateway.on('event', (ev) => {
        if (ev.t !== 'MESSAGE_CREATE' || ev.d.author.id === myId) return;
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
            onClick: () => openMessage(null, m.channel_id, m.id),
          });
          return;
        }
        const serverId = m.server_id;
        const mentioned = mentionsMe(m, myId, myRoleIds(qc, serverId, myId)) === true;
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
    [gateway, qc, myId, openMessage],
  );
}
