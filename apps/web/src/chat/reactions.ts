/**
 * A message's reactions as the client folds them: optimistic changes of the user's own and the
 * gateway's MESSAGE_REACTION_ADD/REMOVE land in the same function, which counts the user's own
 * reaction once however many times it is told (the echo of an optimistic add changes nothing).
 */
import type { Message, Reaction } from '@twopointo/shared';
import type { HistoryData } from './message-cache.ts';

export function applyReaction(reactions: Reaction[], emoji: string, add: boolean, mine: boolean): Reaction[] {
  const at = reactions.findIndex((r) => r.emoji === emoji);
  const current = at >= 0 ? reactions[at]! : undefined;
  if (add) {
    if (mine && current?.me) return reactions;
    if (!current) return [...reactions, { emoji, count: 1, me: mine }];
    return reactions.map((r, i) => (i === at ? { ...r, count: r.count + 1, me: r.me || mine } : r));
  }
  if (!current || (mine && !current.me)) return reactions;
  if (current.count <= 1) return reactions.filter((_, i) => i !== at);
  return reactions.map((r, i) => (i === at ? { ...r, count: r.count - 1, me: mine ? false : r.me } : r));
}

/** The history with one message changed (the same object when it is not loaded). */
export function mapMessage(
  data: HistoryData | undefined,
  id: string,
  change: (m: Message) => Message,
): HistoryData | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((p) => {
    if (!p.messages.some((m) => m.id === id)) return p;
    changed = true;
    return { ...p, messages: p.messages.map((m) => (m.id === id ? change(m) : m)) };
  });
  return changed ? { ...data, pages } : data;
}

/** "alice, bob and 3 others reacted with 👍" from the first page of who reacted. */
export function reactorsText(names: string[], count: number, emoji: string): string {
  const shown = names.slice(0, 3);
  const rest = Math.max(0, count - shown.length);
  if (shown.length === 0) return `${count} reacted with ${emoji}`;
  const list =
    rest > 0
      ? `${shown.join(', ')} and ${rest} other${rest === 1 ? '' : 's'}`
      : shown.length === 1
        ? shown[0]!
        : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
  return `${list} reacted with ${emoji}`;
}
