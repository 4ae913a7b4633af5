import { describe, expect, it } from 'vitest';
import { serverAccess } from './server-access.ts';

const server = { id: '1', owner_id: '10' };
const roles = [
  {
    id: '1',
    server_id: '1',
    name: '@everyone',
    permissions: '0',
    position: 0,
    created_at: '',
    color: 0,
    hoist: false,
    mentionable: false,
  },
  {
    id: '2',
    server_id: '1',
    name: 'Moderator',
    permissions: String(1n << 8n),
    position: 2,
    created_at: '',
    color: 0,
    hoist: false,
    mentionable: false,
  },
  {
    id: '3',
    server_id: '1',
    name: 'Helper',
    permissions: '0',
    position: 1,
    created_at: '',
    color: 0,
    hoist: false,
    mentionable: false,
  },
  {
    id: '4',
    server_id: '1',
    name: 'Admin',
    permissions: String(1n << 13n),
    position: 3,
    created_at: '',
    color: 0,
    hoist: false,
    mentionable: false,
  },
];
const member = (id: string, r: string[]) => ({
  user: { id, username: `u${id}` },
  roles: r,
  joined_at: '',
  status: 'online' as const,
  nick: null,
  communication_disabled_until: null,
});
const members = [
  member('10', []),
  member('11', ['2']),
  member('12', ['3']),
  member('13', ['4']),
  member('14', ['2']),
];

describe('hierarchy', () => {
  it('a moderator acts on lower members only, never on equals, higher roles or the owner', () => {
    const bob = serverAccess(server, '11', members, roles);
    expect(bob.can(1n << 8n)).toBe(true);
    expect(bob.outranks('12')).toBe(true);
    expect(bob.outranks('14')).toBe(false);
    expect(bob.outranks('13')).toBe(false);
    expect(bob.outranks('10')).toBe(false);
    expect(bob.outranks('11')).toBe(false);
  });

  it('roles at or above one’s highest are not manageable; @everyone never is', () => {
    const bob = serverAccess(server, '11', members, roles);
    expect(bob.manages(roles[2]!)).toBe(true);
    expect(bob.manages(roles[1]!)).toBe(false);
    expect(bob.manages(roles[3]!)).toBe(false);
    expect(bob.manages(roles[0]!)).toBe(false);
  });

  it('the owner is above all and has every permission', () => {
    const owner = serverAccess(server, '10', members, roles);
    expect(owner.isOwner).toBe(true);
    expect(owner.outranks('13')).toBe(true);
    expect(owner.manages(roles[3]!)).toBe(true);
    expect(owner.can(1n << 16n)).toBe(true);
  });

  it('an administrator has every permission but still stops at the hierarchy', () => {
    const admin = serverAccess(server, '13', members, roles);
    expect(admin.can(1n << 9n)).toBe(true);
    expect(admin.outranks('11')).toBe(true);
    expect(admin.outranks('10')).toBe(false);
  });

  it('nothing is allowed until roles and members are known', () => {
    const unknown = serverAccess(server, '11', undefined, roles);
    expect(unknown.known).toBe(false);
    expect(unknown.can(1n << 8n)).toBe(false);
    expect(unknown.outranks('12')).toBe(false);
  });
});
