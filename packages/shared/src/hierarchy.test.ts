import { describe, expect, it } from 'vitest';
import {
  OWNER_RANK,
  canManageRole,
  highestRolePosition,
  memberRank,
  outranks,
  sortRolesDescending,
} from './hierarchy.ts';
import { TIMED_OUT_ALLOWED, computePermissions, isTimedOut } from './permissions.ts';
import { ALL_PERMISSIONS, Permissions as P } from './permissions.generated.ts';

const roles = [
  { id: '10', position: 1 },
  { id: '11', position: 3 },
  { id: '12', position: 2 },
];

describe('hierarchy', () => {
  it('ranks a member by their highest role; @everyone only is 0; the owner is above all', () => {
    expect(highestRolePosition(['10', '12'], roles)).toBe(2);
    expect(highestRolePosition([], roles)).toBe(0);
    expect(memberRank({ userId: 'u', roleIds: ['11'] }, 'o', roles)).toBe(3);
    expect(memberRank({ userId: 'o', roleIds: [] }, 'o', roles)).toBe(OWNER_RANK);
  });

  it('manages only what is strictly below', () => {
    expect(canManageRole(2, 1)).toBe(true);
    expect(canManageRole(2, 2)).toBe(false);
    expect(outranks(3, 2)).toBe(true);
    expect(outranks(2, 2)).toBe(false);
    expect(outranks(OWNER_RANK, 1000)).toBe(true);
    expect(outranks(1000, OWNER_RANK)).toBe(false);
  });

  it('sorts roles top down, ties by id', () => {
    expect(sortRolesDescending([...roles, { id: '9', position: 3 }]).map((r) => r.id)).toEqual([
      '9',
      '11',
      '12',
      '10',
    ]);
  });
});

describe('timeouts in the resolver', () => {
  const base = {
    userId: 'u',
    ownerId: 'o',
    everyone: { id: 's', permissions: P.VIEW_CHANNEL | P.SEND_MESSAGES | P.READ_MESSAGE_HISTORY | P.SPEAK },
    roles: [],
  };
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('a running timeout keeps only VIEW_CHANNEL and READ_MESSAGE_HISTORY', () => {
    const perms = computePermissions({ ...base, communicationDisabledUntil: '2026-01-01T00:00:01Z', now });
    expect(perms).toBe(TIMED_OUT_ALLOWED);
  });

  it('an ended timeout, or none, changes nothing; the clock decides', () => {
    const full = computePermissions(base);
    expect(computePermissions({ ...base, communicationDisabledUntil: '2026-01-01T00:00:00Z', now })).toBe(
      full,
    );
    expect(computePermissions({ ...base, communicationDisabledUntil: null, now })).toBe(full);
    expect(isTimedOut(new Date(now + 1), now)).toBe(true);
    expect(isTimedOut('garbage', now)).toBe(false);
  });

  it('the owner and ADMINISTRATOR are not affected; channel overwrites are applied before', () => {
    const until = '2027-01-01T00:00:00Z';
    expect(computePermissions({ ...base, userId: 'o', communicationDisabledUntil: until, now })).toBe(
      ALL_PERMISSIONS,
    );
    expect(
      computePermissions({
        ...base,
        roles: [{ id: 'a', permissions: P.ADMINISTRATOR }],
        communicationDisabledUntil: until,
        now,
      }),
    ).toBe(ALL_PERMISSIONS);
    const hidden = computePermissions({
      ...base,
      overwrites: [{ type: 'member', target_id: 'u', allow: 0n, deny: P.VIEW_CHANNEL }],
      communicationDisabledUntil: until,
      now,
    });
    expect(hidden).toBe(P.READ_MESSAGE_HISTORY);
  });
});
