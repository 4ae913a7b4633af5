import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions as P } from '@twopointo/shared';
import { community, type Community } from '../test/community.ts';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('role hierarchy on %s', (backend) => {
  let h: Harness;
  let c: Community;
  let owner: TestUser;
  let admin: TestUser;
  let mod: TestUser;
  let low: TestUser;
  let plain: TestUser;
  let high: { id: string };
  let mid: { id: string };
  let lowRole: { id: string };
  const MOD_BITS =
    P.MANAGE_ROLES |
    P.KICK_MEMBERS |
    P.BAN_MEMBERS |
    P.MODERATE_MEMBERS |
    P.MANAGE_NICKNAMES |
    P.VIEW_CHANNEL;
  const code = (res: { status: number; body: { error?: { code: string } } }) => [
    res.status,
    res.body?.error?.code,
  ];

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    admin = await h.user('admin');
    mod = await h.user('mod');
    low = await h.user('low');
    plain = await h.user('plain');
    c = await community(h, owner, [admin, mod, low, plain]);
    // each new role goes to the bottom: made top-down, they end high (3) > mid (2) > low (1)
    high = await c.role(P.ADMINISTRATOR, [admin], 'high');
    mid = await c.role(MOD_BITS, [mod], 'mid');
    lowRole = await c.role(P.SEND_MESSAGES, [low], 'low');
  });
  afterAll(() => h?.close());

  it('new roles go to the bottom; positions are high 3, mid 2, low 1', async () => {
    const roles = (await h.call('GET', `/servers/${c.sid}/roles`, { as: plain })).body.roles;
    expect(roles.map((r: { name: string; position: number }) => [r.name, r.position])).toEqual([
      ['@everyone', 0],
      ['low', 1],
      ['mid', 2],
      ['high', 3],
    ]);
  });

  it('roles at or above one’s own highest cannot be edited, deleted, assigned or removed', async () => {
    for (const target of [high.id, mid.id]) {
      expect(code(await h.call('PATCH', `/roles/${target}`, { as: mod, body: { name: 'x' } }))).toEqual([
        403,
        'role_hierarchy',
      ]);
      expect(code(await h.call('DELETE', `/roles/${target}`, { as: mod }))).toEqual([403, 'role_hierarchy']);
      expect(
        code(await h.call('PUT', `/servers/${c.sid}/members/${plain.id}/roles/${target}`, { as: mod })),
      ).toEqual([403, 'role_hierarchy']);
    }
    expect(
      code(await h.call('DELETE', `/servers/${c.sid}/members/${admin.id}/roles/${high.id}`, { as: mod })),
    ).toEqual([403, 'role_hierarchy']);
    // below: fine
    expect(
      (await h.call('PATCH', `/roles/${lowRole.id}`, { as: mod, body: { color: 0x00ff00 } })).status,
    ).toBe(200);
    expect(
      (await h.call('PUT', `/servers/${c.sid}/members/${plain.id}/roles/${lowRole.id}`, { as: mod })).status,
    ).toBe(204);
    expect(
      (await h.call('DELETE', `/servers/${c.sid}/members/${plain.id}/roles/${lowRole.id}`, { as: mod }))
        .status,
    ).toBe(204);
  });

  it('ADMINISTRATOR does not bypass the hierarchy; the owner is above all', async () => {
    expect(code(await h.call('PATCH', `/roles/${high.id}`, { as: admin, body: { name: 'x' } }))).toEqual([
      403,
      'role_hierarchy',
    ]);
    expect(code(await h.call('DELETE', `/servers/${c.sid}/members/${owner.id}`, { as: admin }))).toEqual([
      403,
      'cannot_kick_owner',
    ]);
    expect(code(await h.call('PUT', `/servers/${c.sid}/bans/${owner.id}`, { as: admin, body: {} }))).toEqual([
      403,
      'cannot_ban_owner',
    ]);
    const later = new Date(Date.now() + 3600_000).toISOString();
    for (const body of [{ nick: 'boss' }, { communication_disabled_until: later }])
      expect(
        code(await h.call('PATCH', `/servers/${c.sid}/members/${owner.id}`, { as: admin, body })),
      ).toEqual([403, 'member_hierarchy']);
    expect(
      (await h.call('PATCH', `/roles/${high.id}`, { as: owner, body: { hoist: true } })).body.hoist,
    ).toBe(true);
  });

  it('members ranked at or above cannot be kicked, banned, timed out or renamed', async () => {
    const later = new Date(Date.now() + 3600_000).toISOString();
    for (const target of [admin, mod]) {
      if (target.id === mod.id) continue; // renaming oneself is allowed, covered below
      expect(code(await h.call('DELETE', `/servers/${c.sid}/members/${target.id}`, { as: mod }))).toEqual([
        403,
        'member_hierarchy',
      ]);
      expect(code(await h.call('PUT', `/servers/${c.sid}/bans/${target.id}`, { as: mod, body: {} }))).toEqual(
        [403, 'member_hierarchy'],
      );
      for (const body of [{ nick: 'x' }, { communication_disabled_until: later }])
        expect(
          code(await h.call('PATCH', `/servers/${c.sid}/members/${target.id}`, { as: mod, body })),
        ).toEqual([403, 'member_hierarchy']);
    }
    // a peer (same highest role) is not below
    const peer = await h.user('peer');
    await c.join(peer);
    await h.call('PUT', `/servers/${c.sid}/members/${peer.id}/roles/${mid.id}`, { as: owner });
    expect(code(await h.call('DELETE', `/servers/${c.sid}/members/${peer.id}`, { as: mod }))).toEqual([
      403,
      'member_hierarchy',
    ]);
    // timing oneself out is acting on someone not below oneself
    expect(
      code(
        await h.call('PATCH', `/servers/${c.sid}/members/${mod.id}`, {
          as: mod,
          body: { communication_disabled_until: later },
        }),
      ),
    ).toEqual([403, 'member_hierarchy']);
    // below: allowed
    expect(
      (await h.call('PATCH', `/servers/${c.sid}/members/${low.id}`, { as: mod, body: { nick: 'Lowly' } }))
        .body.nick,
    ).toBe('Lowly');
    expect((await h.call('DELETE', `/servers/${c.sid}/members/${peer.id}`, { as: owner })).status).toBe(204);
  });

  it('a non-owner cannot grant bits they lack, and needs a role of their own to make one', async () => {
    expect(
      code(
        await h.call('POST', `/servers/${c.sid}/roles`, {
          as: mod,
          body: { name: 'x', permissions: String(P.ADMINISTRATOR) },
        }),
      ),
    ).toEqual([403, 'missing_permission']);
    const made = await h.call('POST', `/servers/${c.sid}/roles`, {
      as: mod,
      body: { name: 'made', color: 5 },
    });
    expect([made.status, made.body.position, made.body.color]).toEqual([201, 1, 5]);
    await h.call('DELETE', `/roles/${made.body.id}`, { as: owner });
    // MANAGE_ROLES through @everyone alone: no role to rank by, so nothing is below
    expect(
      (
        await h.call('PATCH', `/roles/${c.sid}`, {
          as: owner,
          body: { permissions: String(P.MANAGE_ROLES | P.VIEW_CHANNEL) },
        })
      ).status,
    ).toBe(200);
    expect(code(await h.call('POST', `/servers/${c.sid}/roles`, { as: plain, body: { name: 'x' } }))).toEqual(
      [403, 'role_hierarchy'],
    );
    await h.call('PATCH', `/roles/${c.sid}`, { as: owner, body: { permissions: String(P.VIEW_CHANNEL) } });
  });

  it('colour, hoist and mentionable are stored, presented and validated', async () => {
    const r = await h.call('POST', `/servers/${c.sid}/roles`, {
      as: owner,
      body: { name: 'Shiny', color: 0xffffff, hoist: true, mentionable: true },
    });
    expect(r.body).toMatchObject({ color: 0xffffff, hoist: true, mentionable: true });
    for (const body of [
      { color: 0x1000000 },
      { color: -1 },
      { color: 1.5 },
      { hoist: 'yes' },
      { mentionable: 1 },
    ]) {
      const res = await h.call('PATCH', `/roles/${r.body.id}`, { as: owner, body });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    }
    expect(code(await h.call('PATCH', `/roles/${r.body.id}`, { as: owner, body: { colour: 1 } }))).toEqual([
      400,
      'invalid_input',
    ]);
    await h.call('DELETE', `/roles/${r.body.id}`, { as: owner });
  });

  describe('reorder', () => {
    const reorder = (as: TestUser, body: unknown) => h.call('PATCH', `/servers/${c.sid}/roles`, { as, body });
    /** roles come and go in the tests above, so positions are read, not assumed */
    const positions = async () => {
      const roles = (await h.call('GET', `/servers/${c.sid}/roles`, { as: owner })).body.roles as {
        name: string;
        position: number;
      }[];
      return Object.fromEntries(roles.map((r) => [r.name, r.position]));
    };

    it('moves only roles below the caller, and only below the caller', async () => {
      const at = await positions();
      expect(code(await reorder(mod, [{ id: lowRole.id, position: at.high! }]))).toEqual([
        403,
        'role_hierarchy',
      ]);
      expect(code(await reorder(mod, [{ id: mid.id, position: at.low! }]))).toEqual([403, 'role_hierarchy']);
      expect(code(await reorder(plain, [{ id: lowRole.id, position: 1 }]))).toEqual([
        403,
        'missing_permission',
      ]);
      const stranger = await h.user('stranger');
      expect(code(await reorder(stranger, [{ id: lowRole.id, position: 1 }]))).toEqual([
        404,
        'unknown_server',
      ]);
    });

    it('the owner reorders in one call: ROLE_UPDATE for each moved role, audit entries, nothing else', async () => {
      const at = await positions();
      await h.drain();
      const res = await reorder(owner, [{ id: lowRole.id, position: at.high! + 1 }]);
      expect(res.status).toBe(200);
      expect(res.body.roles.map((r: { name: string }) => r.name)).toEqual([
        '@everyone',
        'mid',
        'high',
        'low',
      ]);
      const events = await h.drain();
      // the positions held are dealt out again: nothing lands outside them
      expect(events.map((e) => [e.t, e.d.role.name, e.d.role.position]).sort()).toEqual([
        ['ROLE_UPDATE', 'high', at.mid],
        ['ROLE_UPDATE', 'low', at.high],
        ['ROLE_UPDATE', 'mid', at.low],
      ]);
      const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=role_update&limit=3`, {
        as: owner,
      });
      expect(log.body.entries.map((e: { changes: { key: string }[] }) => e.changes[0]!.key)).toEqual([
        'position',
        'position',
        'position',
      ]);
      // back, and a no-op emits nothing
      await reorder(owner, [
        { id: mid.id, position: at.mid },
        { id: high.id, position: at.high },
        { id: lowRole.id, position: at.low },
      ]);
      expect(await positions()).toMatchObject(at);
      await h.drain();
      expect((await reorder(owner, [{ id: high.id, position: at.high }])).status).toBe(200);
      expect(await h.drain()).toEqual([]);
    });

    it.each([
      [[], 'body'],
      [[{ id: '1', position: 1 }], 'not a role of this server'],
      [[{ id: 'x', position: 1 }], 'body'],
      [[{ position: 1 }], 'body'],
      [[{ id: '5', position: 0 }], 'body'],
      [{}, 'body'],
    ])('rejects %j with 400', async (body, text) => {
      const res = await reorder(owner, body);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
      expect(res.body.error.message).toContain(text);
    });

    it('rejects @everyone and a role listed twice', async () => {
      let res = await reorder(owner, [{ id: c.sid, position: 2 }]);
      expect(res.body.error.message).toContain('@everyone');
      res = await reorder(owner, [
        { id: mid.id, position: 2 },
        { id: mid.id, position: 1 },
      ]);
      expect([res.status, res.body.error.message]).toEqual([400, expect.stringContaining('twice')]);
    });
  });
});
