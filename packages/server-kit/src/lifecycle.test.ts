import { describe, expect, it } from 'vitest';
import { ResourceStack } from './lifecycle.ts';

describe('ResourceStack', () => {
  it('closes newest first, keeps going past a failure, and closes each once', async () => {
    const closed: string[] = [];
    const errors: unknown[] = [];
    const stack = new ResourceStack((err) => errors.push(err));
    const a = stack.adopt({ close: async () => void closed.push('a') });
    stack.defer(async () => {
      closed.push('b');
      throw new Error('b failed');
    });
    stack.adopt({ close: async () => void closed.push('c') });
    expect(typeof a.close).toBe('function');

    await stack.close();
    expect(closed).toEqual(['c', 'b', 'a']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['b failed']);

    await stack.close();
    expect(closed).toEqual(['c', 'b', 'a']);
  });

  it('ignores close failures without an error handler', async () => {
    const stack = new ResourceStack();
    stack.defer(async () => {
      throw new Error('x');
    });
    await expect(stack.close()).resolves.toBeUndefined();
  });
});
