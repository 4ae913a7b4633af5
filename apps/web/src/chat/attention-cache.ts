/** Read-state changes applied to the query cache, shared by the gateway folding, sending and reading. */
import type { QueryClient } from '@tanstack/react-query';
import type { Channel, DmChannel, Message } from '@twopointo/shared';
import { bumpDm } from '../dms/dm-cache.ts';
import { keys } from '../api/query-keys.ts';
import { myRoleIds } from './my-roles.ts';
import { applyMessageCreate, bumpLastMessage, markRead, mentionsMe, type ReadStates } from './read-states.ts';

/**
 * A new message moves its channel's newest id and, when it pings us, the mention count. When
 * it names roles and our roles there are unknown, the server's count is fetched again instead.
 */
export function noteMessage(qc: QueryClient, m: Message, myId: string): void {
  if (m.server_id === null) return noteDmMessage(qc, m, myId);
  const channelsKey = keys.channels(m.server_id);
  const previousLast =
    qc.getQueryData<Channel[]>(channelsKey)?.find((c) => c.id === m.channel_id)?.last_message_id ?? null;
  qc.setQueryData<Channel[]>(channelsKey, (l) => bumpLastMessage(l, m.channel_id, m.id));
  const mentioned = mentionsMe(m, myId, myRoleIds(qc, m.server_id, myId));
  if (mentioned === null) void qc.invalidateQueries({ queryKey: keys.readStates });
  qc.setQueryData<ReadStates>(keys.readStates, (states) =>
    states ? applyMessageCreate(states, m, { myId, mentioned: !!mentioned, previousLast }) : states,
  );
}

/** In a DM every message of another counts (as the server counts it); the DM moves to the top. */
function noteDmMessage(qc: QueryClient, m: Message, myId: string): void {
  const list = qc.getQueryData<DmChannel[]>(keys.dms);
  const dm = list?.find((d) => d.id === m.channel_id);
  // a DM we have not heard of (its DM_CHANNEL_CREATE is older than what we loaded): ask again
  if (list && !dm) void qc.invalidateQueries({ queryKey: keys.dms });
  qc.setQueryData<DmChannel[]>(keys.dms, (l) => bumpDm(l, m.channel_id, m.id));
  qc.setQueryData<ReadStates>(keys.readStates, (states) =>
    states
      ? applyMessageCreate(states, m, {
          myId,
          mentioned: m.author.id !== myId,
          previousLast: dm?.last_message_id ?? null,
        })
      : states,
  );
}

/** We read up to `mid` here: the marker moves at once, the server hears of it through the ack throttle. */
export function markReadLocally(
  qc: QueryClient,
  channel: Pick<Channel, 'id' | 'last_message_id'>,
  mid: string,
): void {
  qc.setQueryData<ReadStates>(keys.readStates, (states) =>
    states ? markRead(states, channel.id, mid, channel.last_message_id) : states,
  );
}
