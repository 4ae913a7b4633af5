import type { Message } from '@twopointo/shared';
import { describe, expect, it } from 'vitest';
import { dayLabel, withDaySeparators } from './day-separators.ts';
import type { TimelineEntry } from './message-cache.ts';

function msg(id: string, at: Date, author = 'u1'): TimelineEntry {
  const message: Message = {
    id,
    channel_id: 'c',
    server_id: 's',
    author: { id: author, username: author },
    content: id,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    reactions: [],
    pinned: false,
    type: 'default',
    reference_id: null,
    reply_to_id: null,
    created_at: at.toISOString(),
    edited_at: null,
  };
  return { kind: 'message', message };
}

describe('day separators', () => {
  const now = new Date(2026, 10, 25, 15, 0, 0);

  it('labels today, yesterday and older days', () => {
    expect(dayLabel(new Date(2026, 10, 25, 0, 5), now)).toBe('Today');
    expect(dayLabel(new Date(2026, 10, 24, 23, 59), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 0, 2, 12), now)).toMatch(/2026/);
  });

  it('puts one separator before each new local day', () => {
    const rows = withDaySeparators(
      [
        msg('1', new Date(2026, 10, 23, 10)),
        msg('2', new Date(2026, 10, 23, 11)),
        msg('3', new Date(2026, 10, 24, 9)),
        msg('4', new Date(2026, 10, 25, 8)),
      ],
      now,
    );
    expect(rows.map((r) => (r.kind === 'day' ? `[${r.label}]` : r.key))).toEqual([
      `[${dayLabel(new Date(2026, 10, 23), now)}]`,
      '1',
      '2',
      '[Yesterday]',
      '3',
      '[Today]',
      '4',
    ]);
  });

  it('groups one author within five minutes, not across authors or days', () => {
    const rows = withDaySeparators(
      [
        msg('1', new Date(2026, 10, 25, 10, 0)),
        msg('2', new Date(2026, 10, 25, 10, 3)),
        msg('3', new Date(2026, 10, 25, 10, 4), 'u2'),
        msg('4', new Date(2026, 10, 25, 10, 30), 'u2'),
      ],
      now,
    );
    const continued = rows.flatMap((r) => (r.kind === 'entry' ? [r.continued] : []));
    expect(continued).toEqual([false, true, false, false]);
  });
});

describe('system lines', () => {
  it('a pin line breaks the author run on both sides', () => {
    const t = new Date(2026, 10, 25, 15, 0, 0);
    const line = msg('2', t);
    if (line.kind === 'message') line.message = { ...line.message, type: 'pin', reference_id: '1' };
    const rows = withDaySeparators([msg('1', t), line, msg('3', t)], t).filter((r) => r.kind === 'entry');
    expect(rows.map((r) => (r.kind === 'entry' ? r.continued : null))).toEqual([false, false, false]);
  });
});
