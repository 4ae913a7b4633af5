import { describe, expect, it } from 'vitest';
import { isTimedOut, memberColor, memberGroups } from './member-display.ts';

const role = (id: string, position: number, extra: object = {}) => ({
  id,
  server_id: '1',
  name: `r${id}`,
  permissions: '0',
  position,
  created_at: '',
  color: 0,
  hoist: false,
  mentionable: false,
  ...extra,
});
const roles = [
  role('1', 0),
  role('2', 2, { hoist: true, color: 0xff0000 }),
  role('3', 1, { color: 0x00ff00 }),
  role('4', 3, { hoist: true }),
];
const m = (id: string, r: string[], status: 'online' | 'offline' = 'online') => ({
  user: { id, username: `user${id}` },
  roles: r,
  joined_at: '',
  status,
  nick: null,
  communication_disabled_until: null,
});

describe('member display', () => {
  it('hoisted roles are groups of their own, highest first; offline members stay under Offline', () => {
    const groups = memberGroups(
      [m('a', ['2']), m('b', ['2', '4']), m('c', []), m('d', ['4'], 'offline')],
      roles,
    );
    expect(groups.map((g) => [g.title, g.members.map((x) => x.user.id)])).toEqual([
      ['r4', ['b']],
      ['r2', ['a']],
      ['Online', ['c']],
      ['Offline', ['d']],
    ]);
  });

  it('the colour is that of the highest role that has one', () => {
    expect(memberColor(m('a', ['3', '2']), roles)).toBe('#ff0000');
    expect(memberColor(m('a', ['3', '4']), roles)).toBe('#00ff00');
    expect(memberColor(m('a', []), roles)).toBeNull();
  });

  it('a timeout holds until its time', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(isTimedOut({ communication_disabled_until: '2026-01-01T00:01:00Z' }, now)).toBe(true);
    expect(isTimedOut({ communication_disabled_until: '2025-12-31T23:59:00Z' }, now)).toBe(false);
    expect(isTimedOut({ communication_disabled_until: null }, now)).toBe(false);
  });
});
