import { describe, expect, it } from 'vitest';
import { blockedRuns } from './blocked-runs.ts';

describe('blockedRuns', () => {
  const m = (id: string, authorId: string) => ({ id, authorId });
  const blocked = (a: string) => a === 'troll';

  it('groups consecutive blocked messages into one run keyed by its first, broken by anything else', () => {
    const runs = blockedRuns(
      [m('1', 'troll'), m('2', 'troll'), m('3', 'alice'), m('4', 'troll'), null, m('5', 'troll')],
      blocked,
    );
    expect(runs.get('1')).toEqual({ first: '1', size: 2 });
    expect(runs.get('2')).toBe(runs.get('1'));
    expect(runs.has('3')).toBe(false);
    expect(runs.get('4')).toEqual({ first: '4', size: 1 });
    expect(runs.get('5')).toEqual({ first: '5', size: 1 });
  });

  it('is empty when nobody is blocked', () => {
    expect(blockedRuns([m('1', 'alice'), m('2', 'bob')], blocked).size).toBe(0);
  });
});
