import { describe, expect, it } from 'vitest';
import { groupByChannel, parseSearch } from './search-query.ts';

const known = {
  users: [{ id: '11', username: 'alice' }],
  channels: [{ id: '31', name: 'general' }],
};

describe('search box', () => {
  it('reads from:, in: and has: filters and keeps the rest as words', () => {
    expect(parseSearch('deploy from:Alice in:#general has:link friday', known)).toEqual({
      params: { q: 'deploy friday', author_id: '11', channel_id: '31', has: 'link' },
      unknown: [],
    });
  });

  it('reports filters naming nothing known', () => {
    expect(parseSearch('from:zed has:video x', known)).toEqual({
      params: { q: 'x' },
      unknown: ['from:zed', 'has:video'],
    });
  });

  it('groups results by channel in the order they first appear', () => {
    const groups = groupByChannel([
      { id: '5', channel_id: 'b' },
      { id: '4', channel_id: 'a' },
      { id: '3', channel_id: 'b' },
    ]);
    expect(groups.map((g) => [g.channelId, g.messages.map((m) => m.id)])).toEqual([
      ['b', ['5', '3']],
      ['a', ['4']],
    ]);
  });
});
