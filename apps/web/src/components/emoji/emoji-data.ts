/**
 * The emoji the picker and the `:shortcode:` autocomplete offer, from emojibase-data (English
 * labels and tags, GitHub's shortcodes, which are Discord's for the common ones). The data is
 * bundled with the app and loaded as its own chunk the first time it is needed: no CDN.
 */
import { useQuery } from '@tanstack/react-query';

export interface EmojiEntry {
  unicode: string;
  label: string;
  group: number;
  order: number;
  tags: string[];
  shortcodes: string[];
}

/** Emojibase's groups as the picker shows them (2, the skin-tone components, is left out). */
export const GROUPS: { id: number; label: string; icon: string }[] = [
  { id: 0, label: 'Smileys & Emotion', icon: '😀' },
  { id: 1, label: 'People & Body', icon: '👋' },
  { id: 3, label: 'Animals & Nature', icon: '🐻' },
  { id: 4, label: 'Food & Drink', icon: '🍔' },
  { id: 5, label: 'Travel & Places', icon: '🚗' },
  { id: 6, label: 'Activities', icon: '⚽' },
  { id: 7, label: 'Objects', icon: '💡' },
  { id: 8, label: 'Symbols', icon: '❤️' },
  { id: 9, label: 'Flags', icon: '🏁' },
];

interface CompactEmoji {
  hexcode: string;
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
}

/**
 * The emoji as other clients send it: without a variation selector after a character that is an
 * emoji anyway (👍, not 👍 + U+FE0F), so one reaction is never two chips. ❤️ keeps its selector.
 */
export const canonical = (unicode: string): string =>
  unicode.replace(/(\p{Emoji_Presentation})\uFE0F/gu, '$1');

let loading: Promise<EmojiEntry[]> | null = null;

export function loadEmoji(): Promise<EmojiEntry[]> {
  loading ??= Promise.all([
    import('emojibase-data/en/compact.json'),
    import('emojibase-data/en/shortcodes/github.json'),
  ]).then(([compact, codes]) => {
    const shortcodes = codes.default as Record<string, string | string[]>;
    return (compact.default as CompactEmoji[])
      .filter((e) => e.group !== undefined && e.group !== 2 && e.order !== undefined)
      .map((e) => {
        const sc = shortcodes[e.hexcode];
        return {
          unicode: canonical(e.unicode),
          label: e.label,
          group: e.group!,
          order: e.order!,
          tags: e.tags ?? [],
          shortcodes: sc === undefined ? [] : Array.isArray(sc) ? sc : [sc],
        };
      })
      .sort((a, b) => a.order - b.order);
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export function useEmojiData(enabled = true) {
  return useQuery({
    queryKey: ['emoji-data'],
    queryFn: loadEmoji,
    staleTime: Infinity,
    gcTime: Infinity,
    enabled,
  });
}

/**
 * Emoji matching a query: shortcodes that start with it first, then labels and tags that contain
 * it (case-insensitive), each in emoji order.
 */
export function searchEmoji(list: EmojiEntry[], query: string, limit = 50): EmojiEntry[] {
  const q = query.trim().toLowerCase().replace(/^:|:$/g, '');
  if (!q) return [];
  const first: EmojiEntry[] = [];
  const then: EmojiEntry[] = [];
  for (const e of list) {
    if (e.shortcodes.some((s) => s.startsWith(q))) first.push(e);
    else if (
      e.label.toLowerCase().includes(q) ||
      e.tags.some((t) => t.startsWith(q)) ||
      e.shortcodes.some((s) => s.includes(q))
    )
      then.push(e);
    if (first.length >= limit) break;
  }
  return [...first, ...then].slice(0, limit);
}

const RECENT_KEY = 'twopointo.emoji.recent';
const MAX_RECENT = 24;

/** The emoji this browser used last, newest first. */
export function recentEmoji(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list)
      ? list.filter((e): e is string => typeof e === 'string').slice(0, MAX_RECENT)
      : [];
  } catch {
    return [];
  }
}

export function noteRecentEmoji(unicode: string): void {
  const list = [unicode, ...recentEmoji().filter((e) => e !== unicode)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // storage full or off: recents are a nicety
  }
}
