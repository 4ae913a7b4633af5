/** Splits a timeline into days (local time) and groups a run of one author's messages. */
import type { TimelineEntry } from './message-cache.ts';

export type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'entry'; key: string; entry: TimelineEntry; continued: boolean };

const GROUP_MS = 5 * 60_000;

export function localDayKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function dayLabel(d: Date, now = new Date()): string {
  const key = localDayKey(d);
  if (key === localDayKey(now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (key === localDayKey(yesterday)) return 'Yesterday';
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function entryInfo(e: TimelineEntry): { key: string; at: Date; author: string } {
  if (e.kind === 'message') {
    return { key: e.message.id, at: new Date(e.message.created_at), author: e.message.author.id };
  }
  return { key: `pending-${e.pending.nonce}`, at: new Date(e.pending.created_at), author: 'me' };
}

export function withDaySeparators(
  entries: TimelineEntry[],
  now = new Date(),
  myId: string | null = null,
): Row[] {
  const rows: Row[] = [];
  let lastDay: string | null = null;
  let last: { at: Date; author: string } | null = null;
  for (const entry of entries) {
    const info = entryInfo(entry);
    const author = info.author === 'me' && myId ? myId : info.author;
    const day = localDayKey(info.at);
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: `day-${day}`, label: dayLabel(info.at, now) });
      lastDay = day;
      last = null;
    }
    const isReply =
      entry.kind === 'message' ? entry.message.reply_to_id !== null : entry.pending.reply_to_id !== null;
    const continued =
      !isReply && last !== null && last.author === author && info.at.getTime() - last.at.getTime() < GROUP_MS;
    // a system line ("pinned a message") neither continues a run nor lets the next message continue it
    const system = entry.kind === 'message' && entry.message.type !== 'default';
    rows.push({ kind: 'entry', key: info.key, entry, continued: continued && !system });
    last = system ? null : { at: info.at, author };
  }
  return rows;
}
