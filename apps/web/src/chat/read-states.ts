/**
 * Unread and mention bookkeeping, as pure functions over the read states the server gave
 * (GET /api/me/read-states) and what the gateway tells since: a channel is unread when its
 * `last_message_id` is above the marker; mention counts come from the server and go up with
 * each live message that mentions us.
 */
import type { Channel, Message, ReadState } from '@twopointo/shared';
import { compareIds } from './message-cache.ts';

/** Read states by channel id. */
export type ReadStates = Record<string, ReadState>;

export const toReadStates = (list: ReadState[]): ReadStates =>
  Object.fromEntries(list.map((s) => [s.channel_id, s]));

export const stateOf = (states: ReadStates | undefined, channelId: string): ReadState =>
  states?.[channelId] ?? { channel_id: channelId, last_read_id: null, mention_count: 0 };

/** a >= b for nullable ids, null being below every id */
const atLeast = (a: string | null, b: string | null): boolean =>
  b === null || (a !== null && compareIds(a, b) >= 0);

export function isUnread(channel: Pick<Channel, 'last_message_id'>, state: ReadState | undefined): boolean {
  return !atLeast(state?.last_read_id ?? null, channel.last_message_id);
}

/**
 * Whether a message pings this user: by id, by one of their roles, or @everyone/@here. `null`
 * when it names roles and we do not know this user's roles in that server.
 */
export function mentionsMe(
  msg: Pick<Message, 'author' | 'mentions' | 'mention_roles' | 'mention_everyone'>,
  myId: string,
  myRoleIds: readonly string[] | null,
): boolean | null {
  if (msg.author.id === myId) return false;
  if (msg.mention_everyone || msg.mentions.includes(myId)) return true;
  if (msg.mention_roles.length === 0) return false;
  if (!myRoleIds) return null;
  return msg.mention_roles.some((r) => myRoleIds.includes(r));
}

/**
 * A live message in a channel whose newest message was `previousLast`. Our own message keeps
 * an already-read channel read (no ack needed for it); another's mention of us counts, unless
 * the marker is already past it (a replay after RESUME).
 */
export function applyMessageCreate(
  states: ReadStates,
  msg: Pick<Message, 'id' | 'channel_id' | 'author'>,
  opts: { myId: string; mentioned: boolean; previousLast: string | null },
): ReadStates {
  const state = stateOf(states, msg.channel_id);
  if (atLeast(state.last_read_id, msg.id)) return states;
  if (msg.author.id === opts.myId) {
    if (!atLeast(state.last_read_id, opts.previousLast)) return states;
    return { ...states, [msg.channel_id]: { ...state, last_read_id: msg.id } };
  }
  if (!opts.mentioned) return states;
  return { ...states, [msg.channel_id]: { ...state, mention_count: state.mention_count + 1 } };
}

/**
 * The server's word on a marker (an ack from this or another device). A marker behind ours is
 * stale (we already read further here and our own ack will follow), so it is ignored.
 */
export function applyReadStateUpdate(states: ReadStates, update: ReadState): ReadStates {
  const state = states[update.channel_id];
  if (state && !atLeast(update.last_read_id, state.last_read_id)) return states;
  return { ...states, [update.channel_id]: update };
}

/** Reading here, before the server answers: the marker moves to `mid` (never back); reaching the newest clears the mentions. */
export function markRead(
  states: ReadStates,
  channelId: string,
  mid: string,
  lastMessageId: string | null,
): ReadStates {
  const state = stateOf(states, channelId);
  if (atLeast(state.last_read_id, mid)) return states;
  const mention_count = atLeast(mid, lastMessageId) ? 0 : state.mention_count;
  return { ...states, [channelId]: { channel_id: channelId, last_read_id: mid, mention_count } };
}

/** Where the "new messages" divider goes: the first message after the marker that is not ours. */
export function firstUnreadId(
  oldestFirst: readonly Pick<Message, 'id' | 'author'>[],
  after: string | null,
  myId: string,
): string | null {
  const m = oldestFirst.find((x) => x.author.id !== myId && !atLeast(after, x.id));
  return m?.id ?? null;
}

/** Moves a channel's `last_message_id` up to `mid` in a cached channel list. */
export function bumpLastMessage(
  list: Channel[] | undefined,
  channelId: string,
  mid: string,
): Channel[] | undefined {
  if (!list) return list;
  let changed = false;
  const next = list.map((c) => {
    if (c.id !== channelId || atLeast(c.last_message_id, mid)) return c;
    changed = true;
    return { ...c, last_message_id: mid };
  });
  return changed ? next : list;
}

export interface Attention {
  unread: boolean;
  mentions: number;
}

export interface AttentionSummary {
  channels: Record<string, Attention>;
  servers: Record<string, Attention>;
  mentions: number;
  unread: boolean;
}

/**
 * Per channel, per server and overall. A muted channel or server still counts its mentions
 * (a ping is a ping) but adds nothing to its server's or the tab's unread mark.
 */
export function summarize(
  channelsByServer: Record<string, Channel[] | undefined>,
  states: ReadStates | undefined,
  isMuted: (serverId: string, channelId: string) => boolean,
): AttentionSummary {
  const out: AttentionSummary = { channels: {}, servers: {}, mentions: 0, unread: false };
  if (!states) return out;
  for (const [sid, channels] of Object.entries(channelsByServer)) {
    const server: Attention = { unread: false, mentions: 0 };
    for (const c of channels ?? []) {
      const state = states[c.id];
      const a: Attention = { unread: isUnread(c, state), mentions: state?.mention_count ?? 0 };
      out.channels[c.id] = a;
      server.mentions += a.mentions;
      if (a.unread && !isMuted(sid, c.id)) server.unread = true;
    }
    out.servers[sid] = server;
    out.mentions += server.mentions;
    if (server.unread) out.unread = true;
  }
  return out;
}

/** The tab title: "(3) twopointo" with mentions, "• twopointo" with only unread messages. */
export function tabTitle(summary: Pick<AttentionSummary, 'mentions' | 'unread'>, base = 'twopointo'): string {
  if (summary.mentions > 0) return `(${summary.mentions}) ${base}`;
  return summary.unread ? `• ${base}` : base;
}
