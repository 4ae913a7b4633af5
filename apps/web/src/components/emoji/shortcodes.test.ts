import { describe, expect, it } from 'vitest';
import { completeShortcode, insertEmoji, shortcodeQuery } from './shortcodes.ts';
import { loadEmoji, searchEmoji } from './emoji-data.ts';

describe(':shortcode: in the composer', () => {
  it('finds the shortcode being typed, not times, urls or a lone colon', () => {
    expect(shortcodeQuery('hi :thu', 7)).toEqual({ start: 3, query: 'thu' });
    expect(shortcodeQuery(':Jo', 3)).toEqual({ start: 0, query: 'jo' });
    expect(shortcodeQuery('at 10:30', 8)).toBeNull();
    expect(shortcodeQuery('see http://x', 12)).toBeNull();
    expect(shortcodeQuery('hi :t', 5)).toBeNull();
    expect(shortcodeQuery('hi :thu more', 12)).toBeNull();
  });

  it('turns a whole known :shortcode: into its emoji as the colon is typed', () => {
    const lookup = (code: string) => ({ joy: '😂', '+1': '👍' })[code];
    expect(completeShortcode('so :joy:', 8, lookup)).toEqual({ text: 'so 😂', caret: 5 });
    expect(completeShortcode(':+1: later', 4, lookup)).toEqual({ text: '👍 later', caret: 2 });
    expect(completeShortcode('so :nope:', 9, lookup)).toBeNull();
    expect(completeShortcode('a:joy:', 6, lookup)).toBeNull();
    expect(completeShortcode('so :joy', 7, lookup)).toBeNull();
  });

  it('puts the emoji in place of the query', () => {
    expect(insertEmoji('hi :thu there', 3, 7, '👍')).toEqual({ text: 'hi 👍 there', caret: 6 });
  });

  it('searches the bundled data: shortcode prefixes first, then names and tags', async () => {
    const list = await loadEmoji();
    expect(list.length).toBeGreaterThan(1500);
    expect(searchEmoji(list, 'thumbsup')[0]?.unicode).toBe('👍');
    expect(searchEmoji(list, ':joy:')[0]?.unicode).toBe('😂');
    expect(searchEmoji(list, 'pizza').map((e) => e.unicode)).toContain('🍕');
    expect(searchEmoji(list, '')).toEqual([]);
    expect(searchEmoji(list, 'zzzzqqq')).toEqual([]);
  });
});
