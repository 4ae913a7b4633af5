import { describe, expect, it } from 'vitest';
import { TypingStore, typingText } from './typing-store.ts';

describe('typing', () => {
  it('words the indicator', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['alice'])).toBe('alice is typing…');
    expect(typingText(['alice', 'bob'])).toBe('alice and bob are typing…');
    expect(typingText(['a', 'b', 'c', 'd'])).toBe('Several people are typing…');
  });

  it('expires after ten seconds and stops when the message lands', () => {
    let now = 1000;
    const store = new TypingStore(() => now);
    store.start('c', 'u1', 'alice');
    store.start('c', 'u2', 'bob');
    expect(store.get('c').map((t) => t.username)).toEqual(['alice', 'bob']);
    store.stop('c', 'u2');
    expect(store.get('c').map((t) => t.username)).toEqual(['alice']);
    now += 10_001;
    store.expire();
    expect(store.get('c')).toEqual([]);
    store.clear();
  });
});
