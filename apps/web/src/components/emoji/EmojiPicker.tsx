/**
 * The emoji picker: a search box (shortcodes, names, tags), the recently used emoji, and the
 * emoji by group. Enter in the search picks the first match; ArrowDown moves into the grid, where
 * the arrow keys move by cell and row (Home/End to the ends) and Enter or Space picks; Escape
 * closes (the Popover).
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  GROUPS,
  noteRecentEmoji,
  recentEmoji,
  searchEmoji,
  useEmojiData,
  type EmojiEntry,
} from './emoji-data.ts';

const RECENT = -1;
/** cells per row: the grid's `grid-template-columns` in conversations.css */
export const COLUMNS = 8;

/** The index the arrow (or Home/End) key moves to from `i` in a grid of `n` cells, or null. */
export function moveInGrid(key: string, i: number, n: number): number | null {
  const to =
    key === 'ArrowRight'
      ? i + 1
      : key === 'ArrowLeft'
        ? i - 1
        : key === 'ArrowDown'
          ? i + COLUMNS
          : key === 'ArrowUp'
            ? i - COLUMNS
            : key === 'Home'
              ? 0
              : key === 'End'
                ? n - 1
                : null;
  if (to === null) return null;
  return Math.max(0, Math.min(n - 1, to));
}

export function EmojiPicker({ onPick }: { onPick: (unicode: string) => void }) {
  const data = useEmojiData();
  const [query, setQuery] = useState('');
  const recents = useMemo(recentEmoji, []);
  const [group, setGroup] = useState(recents.length > 0 ? RECENT : 0);
  const [hover, setHover] = useState<EmojiEntry | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const cell = (i: number) => grid.current?.querySelectorAll<HTMLButtonElement>('.emoji-cell')[i];
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const cells = [...(grid.current?.querySelectorAll('.emoji-cell') ?? [])];
    const at = cells.indexOf(document.activeElement as Element);
    if (at < 0) return;
    const to = moveInGrid(e.key, at, cells.length);
    if (to === null) return;
    e.preventDefault();
    cell(to)?.focus();
  };
  const byUnicode = useMemo(() => new Map((data.data ?? []).map((e) => [e.unicode, e])), [data.data]);

  const shown: EmojiEntry[] = useMemo(() => {
    const list = data.data ?? [];
    if (query.trim()) return searchEmoji(list, query, 120);
    if (group === RECENT)
      return recents.map(
        (u) => byUnicode.get(u) ?? { unicode: u, label: u, group: 0, order: 0, tags: [], shortcodes: [] },
      );
    return list.filter((e) => e.group === group);
  }, [data.data, query, group, recents, byUnicode]);

  const pick = (e: EmojiEntry) => {
    noteRecentEmoji(e.unicode);
    onPick(e.unicode);
  };
  const groupLabel = query.trim()
    ? 'Search results'
    : group === RECENT
      ? 'Recently used'
      : (GROUPS.find((g) => g.id === group)?.label ?? '');

  return (
    <div className="emoji-picker" role="dialog" aria-label="Emoji picker" data-testid="emoji-picker">
      <input
        type="search"
        className="emoji-search"
        placeholder="Search emoji"
        aria-label="Search emoji"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && shown[0]) {
            e.preventDefault();
            pick(shown[0]);
          } else if (e.key === 'ArrowDown' && shown[0]) {
            e.preventDefault();
            cell(0)?.focus();
          }
        }}
        data-testid="emoji-search"
      />
      {!query.trim() && (
        <div className="emoji-tabs">
          {recents.length > 0 && (
            <button
              className={`emoji-tab${group === RECENT ? ' on' : ''}`}
              aria-pressed={group === RECENT}
              aria-label="Recently used"
              title="Recently used"
              onClick={() => setGroup(RECENT)}
            >
              🕘
            </button>
          )}
          {GROUPS.map((g) => (
            <button
              key={g.id}
              className={`emoji-tab${group === g.id ? ' on' : ''}`}
              aria-pressed={group === g.id}
              aria-label={g.label}
              title={g.label}
              onClick={() => setGroup(g.id)}
            >
              {g.icon}
            </button>
          ))}
        </div>
      )}
      <div className="emoji-section-label">{groupLabel}</div>
      <div className="emoji-grid" role="group" aria-label={groupLabel} ref={grid} onKeyDown={onGridKey}>
        {data.isPending && <div className="muted small pad">Loading emoji…</div>}
        {data.isError && <div className="inline-error small pad">Could not load the emoji.</div>}
        {data.isSuccess && shown.length === 0 && <div className="muted small pad">No emoji found</div>}
        {shown.map((e) => (
          <button
            key={e.unicode}
            className="emoji-cell"
            aria-label={e.label}
            title={e.shortcodes[0] ? `:${e.shortcodes[0]}:` : e.label}
            onClick={() => pick(e)}
            onMouseEnter={() => setHover(e)}
            onFocus={() => setHover(e)}
            data-testid="emoji-option"
            data-emoji={e.unicode}
          >
            {e.unicode}
          </button>
        ))}
      </div>
      <div className="emoji-preview" aria-hidden="true">
        {hover && (
          <>
            <span className="emoji-preview-glyph">{hover.unicode}</span>
            <span>{hover.shortcodes[0] ? `:${hover.shortcodes[0]}:` : hover.label}</span>
          </>
        )}
      </div>
    </div>
  );
}
