/**
 * The cached DM list (GET /api/me/channels), kept in order of latest activity as messages and
 * DM events arrive: pure functions over the list, an unloaded list staying unloaded.
 */
import type { DmChannel, UserRef } from '@twopointo/shared';
import { compareIds } from '../chat/message-cache.ts';
import { isUnread, type Attention, type ReadStates } from '../chat/read-states.ts';

/** What a DM is called: its name, else its other recipients' names. */
export function dmTitle(dm: Pick<DmChannel, 'type' | 'name' | 'recipients'>): string {
  if (dm.name) return dm.name;
  // the other side of a 1:1 DM deleted their account
  if (dm.recipients.length === 0) return dm.type === 'dm' ? 'Deleted user' : 'Empty group';
  return dm.recipients.map((u) => u.username).join(', ');
}

/** The DM's newest activity, for ordering: its newest message, else its creation (its id). */
const activity = (dm: DmChannel) => dm.last_message_id ?? dm.id;
const byActivity = (a: DmChannel, b: DmChannel) => compareIds(activity(b), activity(a));

/** A message `mid` arrived in `channelId`: its DM moves up to the top. */
export function bumpDm(
  list: DmChannel[] | undefined,
  channelId: string,
  mid: string,
): DmChannel[] | undefined {
  if (!list) return list;
  const dm = list.find((d) => d.id === channelId);
  if (!dm || (dm.last_message_id && compareIds(dm.last_message_id, mid) >= 0)) return list;
  return [{ ...dm, last_message_id: mid }, ...list.filter((d) => d.id !== channelId)].sort(byActivity);
}

/** A DM opened or changed (DM_CHANNEL_CREATE/UPDATE, or our own POST): replaced, or added in order. */
export function upsertDm(list: DmChannel[] | undefined, dm: DmChannel): DmChannel[] | undefined {
  if (!list) return list;
  return [...list.filter((d) => d.id !== dm.id), dm].sort(byActivity);
}

/** A DM we closed (DM_CHANNEL_DELETE, or our own DELETE): gone from the list, until it is active again. */
export function removeDm(list: DmChannel[] | undefined, channelId: string): DmChannel[] | undefined {
  return list?.filter((d) => d.id !== channelId);
}

export function addDmRecipient(list: DmChannel[] | undefined, channelId: string, user: UserRef) {
  return list?.map((d) =>
    d.id === channelId && !d.recipients.some((u) => u.id === user.id)
      ? { ...d, recipients: [...d.recipients, user].sort((a, b) => a.username.localeCompare(b.username)) }
      : d,
  );
}

/** Someone left a group DM; when it is us, the DM is gone from our list. */
export function removeDmRecipient(
  list: DmChannel[] | undefined,
  channelId: string,
  userId: string,
  myId: string | null,
): DmChannel[] | undefined {
  if (userId === myId) return removeDm(list, channelId);
  return list?.map((d) =>
    d.id === channelId ? { ...d, recipients: d.recipients.filter((u) => u.id !== userId) } : d,
  );
}

/** Per DM and in total: unread, and the messages after the marker (the server counts each as a mention). */
export function dmAttention(
  list: DmChannel[] | undefined,
  states: ReadStates | undefined,
): { dms: Record<string, Attention>; total: Attention } {
  const out: { dms: Record<string, Attention>; total: Attention } = {
    dms: {},
    total: { unread: false, mentions: 0 },
  };
  if (!list || !states) return out;
  for (const dm of list) {
    const state = states[dm.id];
    const a: Attention = { unread: isUnread(dm, state), mentions: state?.mention_count ?? 0 };
    out.dms[dm.id] = a;
    out.total.mentions += a.mentions;
    if (a.unread) out.total.unread = true;
  }
  return out;
}
