import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache.ts';

describe('TokenCache', () => {
  it('forgets tokens once they expire', () => {
    const cache = new TokenCache(10);
    cache.set('t', { sub: '1', exp: 100 });
    expect(cache.get('t', 99)).toEqual({ sub: '1', exp: 100 });
    expect(cache.get('t', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays bounded, dropping the oldest first', () => {
    const cache = new TokenCache(3);
    for (let i = 0; i < 5; i++) cache.set(`t${i}`, { sub: String(i), exp: 1e12 });
    expect(cache.size).toBe(3);
    expect(cache.get('t0', 0)).toBeUndefined();
    expect(cache.get('t1', 0)).toBeUndefined();
    expect(cache.get('t4', 0)?.sub).toBe('4');
  });
});
