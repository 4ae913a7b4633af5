/**
 * Pure functions over a channel's message history as TanStack Query keeps it (pages of
 * newest-first messages), plus the optimistic "pending" messages the composer adds.
 * Live events and POST responses both land here, so the same message never shows twice.
 */
import type { Message } from '@twopointo/shared';
import type { MessagePage } from '../api/endpoints.ts';

export interface HistoryData {
  pages: MessagePage[];
  pageParams: unknown[];
}

/** A message the user sent that the server has not answered yet (or refused). */
export interface PendingMessage {
  nonce: string;
  channel_id: string;
  content: string;
  reply_to_id: string | null;
  attachment_ids: string[];
  attachment_names: string[];
  created_at: string;
  /** newest message id in history when this was sent: only later messages can be its echo */
  after_id: string | null;
  status: 'sending' | 'failed';
  error?: string;
  /** set once the POST answered: the pending entry is then replaced by the real message */
  resolved_id?: string;
}

export const compareIds = (a: string, b: string): number => {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
};

export function hasMessage(data: HistoryData | undefined, id: string): boolean {
  return !!data?.pages.some((p) => p.messages.some((m) => m.id === id));
}

/** Inserts (or replaces) a message, keeping newest-first order within the newest page. */
export function upsertMessage(data: HistoryData | undefined, msg: Message): HistoryData | undefined {
  if (!data || data.pages.length === 0) return data;
  if (hasMessage(data, msg.id)) return updateMessage(data, msg);
  const [first, ...rest] = data.pages;
  const messages = [...first!.messages, msg].sort((a, b) => compareIds(b.id, a.id));
  return { ...data, pages: [{ ...first!, messages }, ...rest] };
}

export function updateMessage(data: HistoryData | undefined, msg: Message): HistoryData | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((p) => {
    if (!p.messages.some((m) => m.id === msg.id)) return p;
    changed = true;
    return { ...p, messages: p.messages.map((m) => (m.id === msg.id ? msg : m)) };
  });
  return changed ? { ...data, pages } : data;
}

export function removeMessage(data: HistoryData | undefined, id: string): HistoryData | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((p) => {
    if (!p.messages.some((m) => m.id === id)) return p;
    changed = true;
    return { ...p, messages: p.messages.filter((m) => m.id !== id) };
  });
  return changed ? { ...data, pages } : data;
}

/** All loaded messages oldest first, without duplicates across pages. */
export function flattenHistory(data: HistoryData | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const page of data.pages) {
    for (const m of page.messages) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

export type TimelineEntry =
  { kind: 'message'; message: Message } | { kind: 'pending'; pending: PendingMessage };

/**
 * What the user sees: confirmed messages, then pending ones. A pending message whose POST
 * answered is dropped (its real message is in history). When the live event beats the POST
 * answer, the pending copy stays and the matching own message is held back, so there is never
 * a moment with both.
 */
export function timeline(
  confirmed: Message[],
  pending: PendingMessage[],
  myId: string | null,
): TimelineEntry[] {
  const ids = new Set(confirmed.map((m) => m.id));
  const resolvedIds = new Set(pending.flatMap((p) => (p.resolved_id ? [p.resolved_id] : [])));
  const open = pending.filter((p) => !(p.resolved_id && ids.has(p.resolved_id)));
  const held = new Set<string>();
  for (const p of open) {
    if (p.status !== 'sending' || p.resolved_id) continue;
    const match = confirmed.find(
      (m) =>
        m.author.id === myId &&
        m.channel_id === p.channel_id &&
        !held.has(m.id) &&
        !resolvedIds.has(m.id) &&
        (p.after_id === null || compareIds(m.id, p.after_id) > 0) &&
        m.content === p.content.trim(),
    );
    if (match) held.add(match.id);
  }
  const entries: TimelineEntry[] = [];
  for (const m of confirmed) if (!held.has(m.id)) entries.push({ kind: 'message', message: m });
  for (const p of open) entries.push({ kind: 'pending', pending: p });
  return entries;
}
