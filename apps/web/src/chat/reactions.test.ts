import { describe, expect, it } from 'vitest';
import { applyReaction, reactorsText } from './reactions.ts';

describe('applyReaction', () => {
  it('adds a new emoji at the end, counts others, marks my own once', () => {
    let r = applyReaction([], '👍', true, false);
    expect(r).toEqual([{ emoji: '👍', count: 1, me: false }]);
    r = applyReaction(r, '👍', true, true);
    expect(r).toEqual([{ emoji: '👍', count: 2, me: true }]);
    // the echo of my optimistic add changes nothing
    expect(applyReaction(r, '👍', true, true)).toBe(r);
    r = applyReaction(r, '🎉', true, false);
    expect(r.map((x) => x.emoji)).toEqual(['👍', '🎉']);
  });

  it('removes: my own once, others by count, the chip when none is left', () => {
    let r = [{ emoji: '👍', count: 2, me: true }];
    r = applyReaction(r, '👍', false, true);
    expect(r).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(applyReaction(r, '👍', false, true)).toBe(r);
    expect(applyReaction(r, '👍', false, false)).toEqual([]);
    expect(applyReaction([], '👍', false, false)).toEqual([]);
  });
});

describe('reactorsText', () => {
  it('names up to three, then counts the rest', () => {
    expect(reactorsText(['alice'], 1, '👍')).toBe('alice reacted with 👍');
    expect(reactorsText(['alice', 'bob'], 2, '👍')).toBe('alice and bob reacted with 👍');
    expect(reactorsText(['a', 'b', 'c', 'd'], 5, '👍')).toBe('a, b, c and 2 others reacted with 👍');
    expect(reactorsText(['a', 'b', 'c'], 4, '👍')).toBe('a, b, c and 1 other reacted with 👍');
  });
});
