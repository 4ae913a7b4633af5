import { describe, expect, it } from 'vitest';
import { isEmptyOverwrite, triStateOf, withTriState } from './overwrite-state.ts';

const SEND = 2n;
const VIEW = 1n;

describe('overwrite tri-state', () => {
  it('reads allow, deny and inherit per bit', () => {
    const o = { allow: '1', deny: '2' };
    expect(triStateOf(o, VIEW)).toBe('allow');
    expect(triStateOf(o, SEND)).toBe('deny');
    expect(triStateOf(o, 4n)).toBe('inherit');
    expect(triStateOf(undefined, VIEW)).toBe('inherit');
  });

  it('sets one bit without touching the others and never both allow and deny', () => {
    let o = { allow: '1', deny: '2' };
    o = withTriState(o, SEND, 'allow');
    expect(o).toEqual({ allow: '3', deny: '0' });
    o = withTriState(o, VIEW, 'deny');
    expect(o).toEqual({ allow: '2', deny: '1' });
    o = withTriState(o, VIEW, 'inherit');
    o = withTriState(o, SEND, 'inherit');
    expect(isEmptyOverwrite(o)).toBe(true);
  });

  it('is bigint-safe above 2^53', () => {
    const high = 1n << 60n;
    const o = withTriState({ allow: '0', deny: '0' }, high, 'deny');
    expect(o.deny).toBe(high.toString());
    expect(triStateOf(o, high)).toBe('deny');
  });
});
