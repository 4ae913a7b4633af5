/**
 * The search box's text → search parameters: `from:name`, `in:channel` (or `in:#channel`) and
 * `has:file|image|link` filter, the rest are the words to find. A filter naming nobody known
 * is reported back rather than silently dropped.
 */
import type { SearchParams } from '../api/attention.ts';

export interface ParsedSearch {
  params: SearchParams;
  /** filters that matched no member, channel or kind, as typed */
  unknown: string[];
}

const HAS = ['file', 'image', 'link'] as const;

export function parseSearch(
  input: string,
  known: { users: { id: string; username: string }[]; channels: { id: string; name: string }[] },
): ParsedSearch {
  const params: SearchParams = {};
  const unknown: string[] = [];
  const words: string[] = [];
  for (const token of input.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(from|in|has):(.+)$/i.exec(token);
    if (!m) {
      words.push(token);
      continue;
    }
    const kind = m[1]!.toLowerCase();
    const value = m[2]!.replace(/^[@#]/, '').toLowerCase();
    if (kind === 'from') {
      const u = known.users.find((x) => x.username.toLowerCase() === value);
      if (u) params.author_id = u.id;
      else unknown.push(token);
    } else if (kind === 'in') {
      const c = known.channels.find((x) => x.name.toLowerCase() === value);
      if (c) params.channel_id = c.id;
      else unknown.push(token);
    } else {
      const h = HAS.find((x) => x === value);
      if (h) params.has = h;
      else unknown.push(token);
    }
  }
  if (words.length) params.q = words.join(' ');
  return { params, unknown };
}

/** Search results grouped by channel, in the order each channel first appears (newest first). */
export function groupByChannel<T extends { channel_id: string }>(
  messages: T[],
): { channelId: string; messages: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const m of messages) {
    const list = groups.get(m.channel_id);
    if (list) list.push(m);
    else groups.set(m.channel_id, [m]);
  }
  return [...groups].map(([channelId, list]) => ({ channelId, messages: list }));
}
