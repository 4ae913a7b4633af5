/** Folds one gateway event into the query cache (and the typing/pending stores). */
import type { QueryClient } from '@tanstack/react-query';
import type { Channel, DmChannel, Member, Role, Server } from '@twopointo/shared';
import { keys } from '../api/query-keys.ts';
import { upsertById } from '../chat/list-cache.ts';
import { historyWindow } from '../chat/history-window.ts';
import {
  compareIds,
  flattenHistory,
  removeMessage,
  updateMessage,
  upsertMessage,
  type HistoryData,
} from '../chat/message-cache.ts';
import { myRoleIds } from '../chat/my-roles.ts';
import { pendingStore } from '../chat/pending-store.ts';
import { applyReaction, mapMessage } from '../chat/reactions.ts';
import { rereadReactors } from '../chat/reactors-query.ts';
import { noteMessage } from '../chat/attention-cache.ts';
import { applyReadStateUpdate, mentionsMe, stateOf, type ReadStates } from '../chat/read-states.ts';
import { typingStore } from '../chat/typing-store.ts';
import { applyUserUpdate } from '../settings/apply-user-update.ts';
import { addDmRecipient, removeDm, removeDmRecipient, upsertDm } from '../dms/dm-cache.ts';
import type { GatewayEvent } from './gateway-client.ts';

const byPosition = (a: Channel, b: Channel) => a.position - b.position || (a.id < b.id ? -1 : 1);

export function applyEvent(qc: QueryClient, ev: GatewayEvent, myId: string | null): void {
  switch (ev.t) {
    case 'MESSAGE_CREATE': {
      const m = ev.d;
      // a window of older history (after a jump) does not get the present appended after a gap
      if (!historyWindow.isDetached(m.channel_id))
        qc.setQueryData<HistoryData>(keys.messages(m.channel_id), (d) => upsertMessage(d, m));
      typingStore.stop(m.channel_id, m.author.id);
      if (myId) noteMessage(qc, m, myId);
      return;
    }
    case 'MESSAGE_UPDATE':
      qc.setQueryData<HistoryData>(keys.messages(ev.d.channel_id), (d) => updateMessage(d, ev.d));
      // the pins panel shows the edit too
      if (ev.d.pinned) void qc.invalidateQueries({ queryKey: keys.pins(ev.d.channel_id) });
      return;
    case 'MESSAGE_DELETE': {
      const { id, channel_id, server_id } = ev.d;
      const gone = flattenHistory(qc.getQueryData<HistoryData>(keys.messages(channel_id))).find(
        (m) => m.id === id,
      );
      // the server recounts mentions on delete without telling: do the same for what we can see
      // (in a DM, every message of another counted)
      const pinged =
        gone &&
        myId &&
        (server_id === null
          ? gone.author.id !== myId
          : mentionsMe(gone, myId, myRoleIds(qc, server_id, myId)));
      if (pinged) {
        qc.setQueryData<ReadStates>(keys.readStates, (states) => {
          const st = stateOf(states, channel_id);
          if (!states || (st.last_read_id !== null && compareIds(id, st.last_read_id) <= 0)) return states;
          return { ...states, [channel_id]: { ...st, mention_count: Math.max(0, st.mention_count - 1) } };
        });
      }
      qc.setQueryData<HistoryData>(keys.messages(channel_id), (d) => removeMessage(d, id));
      pendingStore.prune(channel_id, (p) => p.resolved_id !== id);
      // a deleted pinned message leaves the pins without a CHANNEL_PINS_UPDATE
      if (gone?.pinned !== false) void qc.invalidateQueries({ queryKey: keys.pins(channel_id) });
      return;
    }
    case 'MESSAGE_REACTION_ADD':
    case 'MESSAGE_REACTION_REMOVE': {
      const { channel_id, message_id, emoji, user_id } = ev.d;
      const add = ev.t === 'MESSAGE_REACTION_ADD';
      qc.setQueryData<HistoryData>(keys.messages(channel_id), (d) =>
        mapMessage(d, message_id, (m) => ({
          ...m,
          reactions: applyReaction(m.reactions, emoji, add, user_id === myId),
        })),
      );
      rereadReactors(qc, message_id, emoji);
      return;
    }
    case 'CHANNEL_PINS_UPDATE': {
      const { channel_id, message_id, pinned } = ev.d;
      qc.setQueryData<HistoryData>(keys.messages(channel_id), (d) =>
        mapMessage(d, message_id, (m) => ({ ...m, pinned })),
      );
      void qc.invalidateQueries({ queryKey: keys.pins(channel_id) });
      return;
    }
    case 'MESSAGE_DELETE_BULK': {
      // a ban's message window: dropped from the cache without recounting mentions
      const gone = new Set(ev.d.ids);
      qc.setQueryData<HistoryData>(keys.messages(ev.d.channel_id), (d) =>
        ev.d.ids.reduce<HistoryData | undefined>((acc, id) => removeMessage(acc, id), d),
      );
      pendingStore.prune(ev.d.channel_id, (p) => !p.resolved_id || !gone.has(p.resolved_id));
      return;
    }
    case 'CHANNEL_CREATE':
    case 'CHANNEL_UPDATE':
      qc.setQueryData<Channel[]>(keys.channels(ev.d.server_id), (l) => upsertById(l, ev.d)?.sort(byPosition));
      return;
    case 'CHANNEL_DELETE':
      qc.setQueryData<Channel[]>(keys.channels(ev.d.server_id), (l) => l?.filter((c) => c.id !== ev.d.id));
      qc.removeQueries({ queryKey: keys.messages(ev.d.id) });
      return;
    case 'SERVER_UPDATE':
      qc.setQueryData<Server[]>(keys.servers, (l) => l?.map((s) => (s.id === ev.d.id ? ev.d : s)));
      return;
    case 'SERVER_DELETE':
      qc.setQueryData<Server[]>(keys.servers, (l) => l?.filter((s) => s.id !== ev.d.id));
      return;
    case 'MEMBER_JOIN':
      qc.setQueryData<Member[]>(keys.members(ev.d.server_id), (l) =>
        !l || l.some((m) => m.user.id === ev.d.member.user.id) ? l : [...l, ev.d.member],
      );
      return;
    case 'MEMBER_LEAVE':
      qc.setQueryData<Member[]>(keys.members(ev.d.server_id), (l) =>
        l?.filter((m) => m.user.id !== ev.d.user_id),
      );
      if (ev.d.user_id === myId) {
        qc.setQueryData<Server[]>(keys.servers, (l) => l?.filter((s) => s.id !== ev.d.server_id));
      }
      return;
    case 'MEMBER_UPDATE':
      qc.setQueryData<Member[]>(keys.members(ev.d.server_id), (l) =>
        l?.map((m) => (m.user.id === ev.d.member.user.id ? { ...ev.d.member, status: m.status } : m)),
      );
      return;
    case 'ROLE_CREATE':
    case 'ROLE_UPDATE':
      qc.setQueryData<Role[]>(keys.roles(ev.d.server_id), (l) => upsertById(l, ev.d.role));
      return;
    case 'ROLE_DELETE':
      qc.setQueryData<Role[]>(keys.roles(ev.d.server_id), (l) => l?.filter((r) => r.id !== ev.d.role_id));
      qc.setQueryData<Member[]>(keys.members(ev.d.server_id), (l) =>
        l?.map((m) =>
          m.roles.includes(ev.d.role_id) ? { ...m, roles: m.roles.filter((r) => r !== ev.d.role_id) } : m,
        ),
      );
      return;
    case 'PERMISSIONS_UPDATE':
      void qc.invalidateQueries({ queryKey: keys.channels(ev.d.server_id) });
      void qc.invalidateQueries({ queryKey: keys.roles(ev.d.server_id) });
      void qc.invalidateQueries({ queryKey: keys.members(ev.d.server_id) });
      return;
    case 'TYPING_START':
      if (ev.d.user_id !== myId) typingStore.start(ev.d.channel_id, ev.d.user_id, ev.d.username);
      return;
    case 'READ_STATE_UPDATE':
      qc.setQueryData<ReadStates>(keys.readStates, (states) =>
        states ? applyReadStateUpdate(states, ev.d) : states,
      );
      return;
    case 'DM_CHANNEL_CREATE':
    case 'DM_CHANNEL_UPDATE':
      qc.setQueryData<DmChannel[]>(keys.dms, (l) => upsertDm(l, ev.d));
      return;
    case 'DM_CHANNEL_DELETE':
      qc.setQueryData<DmChannel[]>(keys.dms, (l) => removeDm(l, ev.d.id));
      return;
    case 'CHANNEL_RECIPIENT_ADD':
      qc.setQueryData<DmChannel[]>(keys.dms, (l) => addDmRecipient(l, ev.d.channel_id, ev.d.user));
      return;
    case 'CHANNEL_RECIPIENT_REMOVE':
      qc.setQueryData<DmChannel[]>(keys.dms, (l) =>
        removeDmRecipient(l, ev.d.channel_id, ev.d.user.id, myId),
      );
      if (ev.d.user.id === myId) qc.removeQueries({ queryKey: keys.messages(ev.d.channel_id) });
      return;
    case 'RELATIONSHIP_UPDATE':
      void qc.invalidateQueries({ queryKey: keys.blocks });
      return;
    case 'PRESENCE_UPDATE':
      qc.setQueryData<Member[]>(keys.members(ev.d.server_id), (l) =>
        l?.map((m) => (m.user.id === ev.d.user_id ? { ...m, status: ev.d.status } : m)),
      );
      return;
    case 'USER_UPDATE':
      applyUserUpdate(qc, ev.d);
      return;
    default:
      return;
  }
}
