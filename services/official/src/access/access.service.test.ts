import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  Permissions as P,
  computePermissions,
  type Overwrite,
  type PermissionInput,
} from '@twopointo/shared';
import type { AccessRepository, ChannelRef, ServerRef } from './access.repository.ts';
import { Access } from './access.service.ts';
import { formatPermissionSet, parsePermissionSet, permissionNames } from './permission-set.ts';

const base = (over: Partial<PermissionInput> = {}): PermissionInput => ({
  userId: 'u',
  ownerId: 'o',
  everyone: { id: 's', permissions: DEFAULT_EVERYONE_PERMISSIONS },
  roles: [],
  ...over,
});
const ow = (type: 'role' | 'member', target_id: string, allow = 0n, deny = 0n): Overwrite => ({
  type,
  target_id,
  allow,
  deny,
});

describe('computePermissions (the resolver Official feeds)', () => {
  it('owner gets everything, even with nothing granted and everything denied', () => {
    expect(
      computePermissions(
        base({
          userId: 'o',
          everyone: { id: 's', permissions: 0n },
          overwrites: [ow('member', 'o', 0n, ALL_PERMISSIONS)],
        }),
      ),
    ).toBe(ALL_PERMISSIONS);
  });
  it('@everyone alone', () => expect(computePermissions(base())).toBe(DEFAULT_EVERYONE_PERMISSIONS));
  it('roles add up', () => {
    const perms = computePermissions(
      base({
        everyone: { id: 's', permissions: 0n },
        roles: [
          { id: 'r1', permissions: P.KICK_MEMBERS },
          { id: 'r2', permissions: P.MANAGE_ROLES },
        ],
      }),
    );
    expect(perms).toBe(P.KICK_MEMBERS | P.MANAGE_ROLES);
  });
  it('ADMINISTRATOR from a role gives all and ignores overwrites', () => {
    expect(
      computePermissions(
        base({
          roles: [{ id: 'r', permissions: P.ADMINISTRATOR }],
          overwrites: [ow('member', 'u', 0n, ALL_PERMISSIONS)],
        }),
      ),
    ).toBe(ALL_PERMISSIONS);
  });
  it('ADMINISTRATOR on @everyone gives all', () => {
    expect(computePermissions(base({ everyone: { id: 's', permissions: P.ADMINISTRATOR } }))).toBe(
      ALL_PERMISSIONS,
    );
  });
  it('@everyone overwrite deny and allow', () => {
    expect(
      computePermissions(base({ overwrites: [ow('role', 's', P.MANAGE_MESSAGES, P.VIEW_CHANNEL)] })),
    ).toBe((DEFAULT_EVERYONE_PERMISSIONS & ~P.VIEW_CHANNEL) | P.MANAGE_MESSAGES);
  });
  it('role allow beats @everyone deny; among roles allow wins over deny', () => {
    const input = base({
      roles: [
        { id: 'r1', permissions: 0n },
        { id: 'r2', permissions: 0n },
      ],
    });
    expect(
      hasView({
        ...input,
        overwrites: [ow('role', 's', 0n, P.VIEW_CHANNEL), ow('role', 'r1', P.VIEW_CHANNEL)],
      }),
    ).toBe(true);
    expect(
      hasView({
        ...input,
        overwrites: [ow('role', 'r1', P.VIEW_CHANNEL), ow('role', 'r2', 0n, P.VIEW_CHANNEL)],
      }),
    ).toBe(true);
    expect(hasView({ ...input, overwrites: [ow('role', 'r2', 0n, P.VIEW_CHANNEL)] })).toBe(false);
  });
  it('overwrites for roles the member lacks do not apply', () => {
    expect(hasView(base({ overwrites: [ow('role', 'other', 0n, P.VIEW_CHANNEL)] }))).toBe(true);
  });
  it('member overwrite beats role overwrites both ways', () => {
    const input = base({ roles: [{ id: 'r', permissions: 0n }] });
    expect(
      hasView({
        ...input,
        overwrites: [ow('role', 'r', P.VIEW_CHANNEL), ow('member', 'u', 0n, P.VIEW_CHANNEL)],
      }),
    ).toBe(false);
    expect(
      hasView({
        ...input,
        overwrites: [ow('role', 'r', 0n, P.VIEW_CHANNEL), ow('member', 'u', P.VIEW_CHANNEL)],
      }),
    ).toBe(true);
    expect(hasView({ ...input, overwrites: [ow('member', 'someone-else', 0n, P.VIEW_CHANNEL)] })).toBe(true);
  });
  it('a channel allow can grant a bit nothing else gives', () => {
    expect(
      computePermissions(base({ overwrites: [ow('member', 'u', P.MANAGE_MESSAGES)] })) & P.MANAGE_MESSAGES,
    ).toBe(P.MANAGE_MESSAGES);
  });
  const hasView = (i: PermissionInput) => (computePermissions(i) & P.VIEW_CHANNEL) !== 0n;
});

describe('permission sets on the wire', () => {
  it('parses decimal strings of defined bits', () => {
    expect(parsePermissionSet('0', 'p')).toBe(0n);
    expect(parsePermissionSet(ALL_PERMISSIONS.toString(), 'p')).toBe(ALL_PERMISSIONS);
    expect(formatPermissionSet(3072n)).toBe('3072');
    expect(permissionNames(P.SEND_MESSAGES | P.ADMINISTRATOR)).toEqual(['SEND_MESSAGES', 'ADMINISTRATOR']);
  });
  it.each([
    '',
    '-1',
    '1.0',
    '0x10',
    ' 1',
    'abc',
    '9223372036854775808',
    '99999999999999999999',
    String(1n << 24n),
    String(1n << 62n),
  ])('rejects %j naming the field', (v) => {
    expect(() => parsePermissionSet(v, 'allow')).toThrow(/body\.allow/);
  });
});

describe('Access', () => {
  const server: ServerRef = {
    id: 's',
    name: 'S',
    owner_id: 'o',
    created_at: new Date(),
    icon_asset_id: null,
  };
  const channel: ChannelRef = {
    id: 'c',
    server_id: 's',
    name: 'c',
    topic: null,
    position: 0,
    created_at: new Date(),
    type: 'text',
    parent_id: null,
    user_limit: null,
    bitrate: null,
  };
  function fakeRepo(
    calls: string[],
    opts: { member?: boolean; everyone?: bigint; overwrites?: Overwrite[]; userGone?: boolean } = {},
  ) {
    return {
      findServer: async (id: string) => (calls.push(`server:${id}`), id === 's' ? server : undefined),
      memberState: async () => (
        calls.push('member'),
        (opts.member ?? true) ? { communication_disabled_until: null } : undefined
      ),
      memberRoles: async () => (
        calls.push('roles'),
        [{ id: 's', permissions: String(opts.everyone ?? DEFAULT_EVERYONE_PERMISSIONS) }]
      ),
      findChannel: async (id: string) => (calls.push(`channel:${id}`), id === 'c' ? channel : undefined),
      overwrites: async (ids: string[]) => (
        calls.push('overwrites'),
        new Map(ids.map((i) => [i, opts.overwrites ?? []]))
      ),
      listChannels: async () => [{ ...channel, last_message_id: null }],
      // the one-statement form of the above, for (user, channel)
      channelContext: async (userId: string, id: string) => {
        calls.push(`context:${id}`);
        const found = id === 'c';
        return {
          username: opts.userGone ? null : userId,
          ...(found ? channel : { id: null }),
          server_name: server.name,
          owner_id: server.owner_id,
          server_created_at: server.created_at,
          member: found && (opts.member ?? true),
          roles: [{ id: 's', permissions: String(opts.everyone ?? DEFAULT_EVERYONE_PERMISSIONS) }],
          overwrites: (opts.overwrites ?? []).map((o) => ({
            type: o.type,
            target_id: o.target_id,
            allow: String(o.allow),
            deny: String(o.deny),
          })),
        };
      },
    } as unknown as AccessRepository;
  }
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: { status: number; code: string }) => `${e.status} ${e.code}`,
    );

  it('loads server inputs once per request', async () => {
    const calls: string[] = [];
    const access = new Access(fakeRepo(calls), 'u');
    await access.requireServerMember('s');
    await access.requirePermission('s', P.CREATE_INVITE);
    expect(calls.filter((c) => c.startsWith('server'))).toHaveLength(1);
    expect(calls.filter((c) => c === 'roles')).toHaveLength(1);
  });

  it('non-member → 404 unknown_server; missing bit → 403 missing_permission; owner-only → 403 not_owner', async () => {
    expect(await status(new Access(fakeRepo([], { member: false }), 'u').requireServerMember('s'))).toBe(
      '404 unknown_server',
    );
    expect(await status(new Access(fakeRepo([]), 'u').requireServerMember('nope'))).toBe(
      '404 unknown_server',
    );
    expect(await status(new Access(fakeRepo([]), 'u').requirePermission('s', P.MANAGE_SERVER))).toBe(
      '403 missing_permission',
    );
    expect(await status(new Access(fakeRepo([]), 'u').requireOwner('s'))).toBe('403 not_owner');
    expect(await status(new Access(fakeRepo([]), 'o').requireOwner('s'))).toBe(200);
  });

  it('channels: hidden → 404 unknown_channel; visible without the bit → 403', async () => {
    expect(await status(new Access(fakeRepo([], { member: false }), 'u').requireChannel('c'))).toBe(
      '404 unknown_channel',
    );
    expect(await status(new Access(fakeRepo([]), 'u').requireChannel('x'))).toBe('404 unknown_channel');
    const hidden = fakeRepo([], { overwrites: [ow('role', 's', 0n, P.VIEW_CHANNEL)] });
    expect(await status(new Access(hidden, 'u').requireChannel('c'))).toBe('404 unknown_channel');
    expect(await status(new Access(hidden, 'o').requireChannel('c'))).toBe(200);
    expect(await status(new Access(fakeRepo([]), 'u').requireChannel('c', P.MANAGE_CHANNELS))).toBe(
      '403 missing_permission',
    );
    expect(await status(new Access(fakeRepo([]), 'u').requireChannel('c', P.SEND_MESSAGES))).toBe(200);
  });

  it('channels: a caller who no longer exists → 401, before any 404; one load per channel per request', async () => {
    for (const id of ['c', 'x']) {
      expect(await status(new Access(fakeRepo([], { userGone: true }), 'u').requireChannel(id))).toBe(
        '401 unknown_user',
      );
    }
    const calls: string[] = [];
    const access = new Access(fakeRepo(calls), 'u');
    const first = await access.requireChannel('c');
    await access.requireChannel('c', P.SEND_MESSAGES);
    expect(calls).toEqual(['context:c']);
    expect(first.user).toEqual({ id: 'u', username: 'u' });
    // the server inputs came with it
    await access.requireServerMember('s');
    expect(calls).toEqual(['context:c']);
  });

  it('requireGrantable: non-owners only hand out bits they hold', async () => {
    const access = new Access(fakeRepo([]), 'u');
    const s = await access.requireServerMember('s');
    expect(() => access.requireGrantable(s.permissions, s, P.SEND_MESSAGES)).not.toThrow();
    expect(() => access.requireGrantable(s.permissions, s, P.KICK_MEMBERS)).toThrow(/KICK_MEMBERS/);
    const ownerAccess = new Access(fakeRepo([]), 'o');
    const os = await ownerAccess.requireServerMember('s');
    expect(() => ownerAccess.requireGrantable(os.permissions, os, ALL_PERMISSIONS)).not.toThrow();
  });
});
