import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, Permissions as P } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('roles, overwrites and effective permissions on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let mgr: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let sid: string;
  let cid: string;
  let mgrRole: string;

  const s = (b: bigint) => b.toString();
  const canSee = async (u: TestUser, channel = cid) =>
    (await h.call('GET', `/channels/${channel}/messages?limit=1`, { as: u })).status;
  const visible = async (u: TestUser) =>
    (await h.call('GET', `/servers/${sid}/channels`, { as: u })).body.channels.map(
      (c: { id: string }) => c.id,
    ) as string[];
  const overwrite = (
    target: string,
    type: 'role' | 'member',
    allow = 0n,
    deny = 0n,
    as = owner,
    channel = cid,
  ) =>
    h.call('PUT', `/channels/${channel}/overwrites/${target}`, {
      as,
      body: { type, allow: s(allow), deny: s(deny) },
    });
  const newRole = async (perms: bigint, assignTo?: TestUser) => {
    const r = await h.call('POST', `/servers/${sid}/roles`, {
      as: owner,
      body: { name: 'r', permissions: s(perms) },
    });
    expect(r.status).toBe(201);
    if (assignTo)
      expect(
        (await h.call('PUT', `/servers/${sid}/members/${assignTo.id}/roles/${r.body.id}`, { as: owner }))
          .status,
      ).toBe(204);
    return r.body.id as string;
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    mgr = await h.user('mgr');
    member = await h.user('member');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'Perms' } })).body.id;
    cid = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'general' } })).body
      .id;
    for (const u of [mgr, member]) {
      const code = (await h.call('POST', `/servers/${sid}/invites`, { as: owner })).body.code;
      await h.call('POST', `/invites/${code}/accept`, { as: u });
    }
    mgrRole = await newRole(P.MANAGE_ROLES | P.VIEW_CHANNEL | P.SEND_MESSAGES | P.READ_MESSAGE_HISTORY, mgr);
  });
  afterAll(() => h?.close());

  describe('role routes', () => {
    it('lists roles (any member): @everyone first, then by position', async () => {
      const res = await h.call('GET', `/servers/${sid}/roles`, { as: mgr });
      expect(res.status).toBe(200);
      expect(res.body.roles.map((r: { id: string }) => r.id)).toEqual([sid, mgrRole]);
      expect(res.body.roles[1]).toEqual({
        id: mgrRole,
        server_id: sid,
        name: 'r',
        permissions: s(P.MANAGE_ROLES | P.VIEW_CHANNEL | P.SEND_MESSAGES | P.READ_MESSAGE_HISTORY),
        position: 1,
        created_at: expect.any(String),
        color: 0,
        hoist: false,
        mentionable: false,
      });
      // every member sees the roles: their colours and order shape the member list
      expect((await h.call('GET', `/servers/${sid}/roles`, { as: member })).status).toBe(200);
      expect((await h.call('GET', `/servers/${sid}/roles`, { as: stranger })).status).toBe(404);
    });

    it('creates roles; permissions default to none', async () => {
      const res = await h.call('POST', `/servers/${sid}/roles`, { as: mgr, body: { name: '  Helpers ' } });
      expect(res.status).toBe(201);
      // new roles go at the bottom (just above @everyone); the others move up one
      expect(res.body).toMatchObject({ name: 'Helpers', permissions: '0', position: 1 });
      expect(
        (await h.call('POST', `/servers/${sid}/roles`, { as: member, body: { name: 'x' } })).status,
      ).toBe(403);
      expect(
        (await h.call('POST', `/servers/${sid}/roles`, { as: stranger, body: { name: 'x' } })).status,
      ).toBe(404);
      await h.call('DELETE', `/roles/${res.body.id}`, { as: owner });
    });

    it.each([
      [{}, 'body.name'],
      [{ name: ' ' }, 'body.name'],
      [{ name: 'x'.repeat(101) }, 'body.name'],
      [{ name: 'x', permissions: 8 }, 'body.permissions'],
      [{ name: 'x', permissions: '-1' }, 'body.permissions'],
      [{ name: 'x', permissions: '1e3' }, 'body.permissions'],
      [{ name: 'x', permissions: '' }, 'body.permissions'],
      [{ name: 'x', permissions: '9223372036854775808' }, 'body.permissions'],
      [{ name: 'x', permissions: String(1n << 40n) }, 'body.permissions'],
      [{ name: 'x', permissions: '1'.repeat(40) }, 'body.permissions'],
    ])('rejects role body %j naming %s', async (body, field) => {
      const res = await h.call('POST', `/servers/${sid}/roles`, { as: owner, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });

    it('edits roles; @everyone can be edited but not renamed or deleted', async () => {
      const r = await newRole(P.VIEW_CHANNEL);
      let res = await h.call('PATCH', `/roles/${r}`, {
        as: mgr,
        body: { name: 'renamed', permissions: s(P.SEND_MESSAGES) },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: r, name: 'renamed', permissions: s(P.SEND_MESSAGES) });
      res = await h.call('PATCH', `/roles/${sid}`, {
        as: owner,
        body: { permissions: s(DEFAULT_EVERYONE_PERMISSIONS) },
      });
      expect(res.status).toBe(200);
      res = await h.call('PATCH', `/roles/${sid}`, { as: owner, body: { name: 'everybody' } });
      expect([res.status, res.body.error.message]).toEqual([400, 'body.name: @everyone cannot be renamed']);
      res = await h.call('DELETE', `/roles/${sid}`, { as: owner });
      expect([res.status, res.body.error.code]).toEqual([400, 'cannot_delete_everyone']);
      for (const body of [{}, { name: '' }, { permissions: 'abc' }, { permissions: String(1n << 63n) }]) {
        expect((await h.call('PATCH', `/roles/${r}`, { as: owner, body })).status).toBe(400);
      }
      expect((await h.call('PATCH', `/roles/${r}`, { as: member, body: { name: 'x' } })).status).toBe(403);
      expect(
        (await h.call('PATCH', `/roles/${r}`, { as: stranger, body: { name: 'x' } })).body.error.code,
      ).toBe('unknown_role');
      expect((await h.call('PATCH', `/roles/1`, { as: owner, body: { name: 'x' } })).status).toBe(404);
      expect((await h.call('DELETE', `/roles/${r}`, { as: member })).status).toBe(403);
      expect((await h.call('DELETE', `/roles/${r}`, { as: stranger })).status).toBe(404);
      expect((await h.call('DELETE', `/roles/${r}`, { as: mgr })).status).toBe(204);
      expect((await h.call('DELETE', `/roles/${r}`, { as: mgr })).status).toBe(404);
    });

    it('assigns and unassigns (idempotent); bad targets 400/404', async () => {
      const r = await newRole(P.SEND_MESSAGES);
      const put = (uid: string, rid = r, as = mgr) =>
        h.call('PUT', `/servers/${sid}/members/${uid}/roles/${rid}`, { as });
      const del = (uid: string, rid = r, as = mgr) =>
        h.call('DELETE', `/servers/${sid}/members/${uid}/roles/${rid}`, { as });
      expect((await put(member.id)).status).toBe(204);
      expect((await put(member.id)).status).toBe(204);
      let members = (await h.call('GET', `/servers/${sid}/members`, { as: owner })).body.members;
      expect(members.find((m: { user: { id: string } }) => m.user.id === member.id).roles).toEqual([r]);
      expect((await del(member.id)).status).toBe(204);
      expect((await del(member.id)).status).toBe(204);
      members = (await h.call('GET', `/servers/${sid}/members`, { as: owner })).body.members;
      expect(members.find((m: { user: { id: string } }) => m.user.id === member.id).roles).toEqual([]);
      expect((await put(member.id, sid)).body.error.code).toBe('invalid_role');
      expect((await put(stranger.id)).body.error.code).toBe('unknown_member');
      expect((await put(member.id, '1')).body.error.code).toBe('unknown_role');
      expect((await put(member.id, r, member)).status).toBe(403);
      expect((await put(member.id, r, stranger)).status).toBe(404);
      expect((await del(member.id, r, member)).status).toBe(403);
      expect((await h.call('PUT', `/servers/${sid}/members/x/roles/${r}`, { as: owner })).status).toBe(400);
      // a role of another server is unknown here
      const other = (await h.call('POST', '/servers', { as: owner, body: { name: 'Other' } })).body.id;
      const foreign = (await h.call('POST', `/servers/${other}/roles`, { as: owner, body: { name: 'f' } }))
        .body.id;
      expect((await put(member.id, foreign, owner)).body.error.code).toBe('unknown_role');
      await h.call('DELETE', `/roles/${r}`, { as: owner });
    });

    it('a non-owner cannot grant bits they lack (create, edit, assign, delete); the owner and ADMINISTRATOR can', async () => {
      let res = await h.call('POST', `/servers/${sid}/roles`, {
        as: mgr,
        body: { name: 'x', permissions: s(P.KICK_MEMBERS) },
      });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect(res.body.error.message).toContain('KICK_MEMBERS');
      res = await h.call('POST', `/servers/${sid}/roles`, {
        as: mgr,
        body: { name: 'x', permissions: s(P.ADMINISTRATOR) },
      });
      expect(res.status).toBe(403);
      const own = (
        await h.call('POST', `/servers/${sid}/roles`, {
          as: mgr,
          body: { name: 'ok', permissions: s(P.SEND_MESSAGES) },
        })
      ).body.id;
      res = await h.call('PATCH', `/roles/${own}`, {
        as: mgr,
        body: { permissions: s(P.SEND_MESSAGES | P.BAN_MEMBERS) },
      });
      expect(res.status).toBe(403);
      const strong = await newRole(P.KICK_MEMBERS);
      expect(
        (await h.call('PUT', `/servers/${sid}/members/${member.id}/roles/${strong}`, { as: mgr })).status,
      ).toBe(403);
      expect((await h.call('PATCH', `/roles/${strong}`, { as: mgr, body: { name: 'weaker' } })).status).toBe(
        403,
      );
      expect((await h.call('DELETE', `/roles/${strong}`, { as: mgr })).status).toBe(403);
      // editing @everyone to add a bit the manager lacks
      expect(
        (
          await h.call('PATCH', `/roles/${sid}`, {
            as: mgr,
            body: { permissions: s(DEFAULT_EVERYONE_PERMISSIONS | P.KICK_MEMBERS) },
          })
        ).status,
      ).toBe(403);
      // the owner may
      expect(
        (await h.call('PUT', `/servers/${sid}/members/${member.id}/roles/${strong}`, { as: owner })).status,
      ).toBe(204);
      // an administrator holds everything
      const admin = await newRole(P.ADMINISTRATOR, mgr);
      expect(
        (
          await h.call('POST', `/servers/${sid}/roles`, {
            as: mgr,
            body: { name: 'all', permissions: s(ALL_PERMISSIONS) },
          })
        ).status,
      ).toBe(201);
      await h.call('DELETE', `/servers/${sid}/members/${mgr.id}/roles/${admin}`, { as: owner });
      for (const r of [own, strong, admin]) await h.call('DELETE', `/roles/${r}`, { as: owner });
    });
  });

  describe('overwrites', () => {
    it('put returns the overwrite; bad bodies 400; unknown targets 404; needs MANAGE_ROLES', async () => {
      let res = await overwrite(member.id, 'member', P.ATTACH_FILES, P.SEND_MESSAGES);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        channel_id: cid,
        target_id: member.id,
        type: 'member',
        allow: s(P.ATTACH_FILES),
        deny: s(P.SEND_MESSAGES),
      });
      for (const [body, field] of [
        [{}, 'body.type'],
        [{ type: 'user' }, 'body.type'],
        [{ type: 'member', allow: 5 }, 'body.allow'],
        [{ type: 'member', allow: 'x' }, 'body.allow'],
        [{ type: 'member', deny: String(1n << 30n) }, 'body.deny'],
        [{ type: 'member', allow: '1', deny: '1' }, 'body.deny'],
      ] as const) {
        res = await h.call('PUT', `/channels/${cid}/overwrites/${member.id}`, { as: owner, body });
        expect([res.status, res.body.error.message.includes(field)]).toEqual([400, true]);
      }
      // the editor reads them back (MANAGE_ROLES); others are refused, strangers see nothing
      res = await h.call('GET', `/channels/${cid}/overwrites`, { as: owner });
      expect(res.status).toBe(200);
      expect(res.body.overwrites).toContainEqual({
        channel_id: cid,
        target_id: member.id,
        type: 'member',
        allow: s(P.ATTACH_FILES),
        deny: s(P.SEND_MESSAGES),
      });
      expect((await h.call('GET', `/channels/${cid}/overwrites`, { as: member })).body.error.code).toBe(
        'missing_permission',
      );
      expect((await h.call('GET', `/channels/${cid}/overwrites`, { as: stranger })).status).toBe(404);
      expect((await overwrite(stranger.id, 'member')).body.error.code).toBe('unknown_member');
      expect((await overwrite('12345', 'role')).body.error.code).toBe('unknown_role');
      expect((await overwrite(member.id, 'member', 0n, 0n, member)).body.error.code).toBe(
        'missing_permission',
      );
      expect((await overwrite(member.id, 'member', 0n, 0n, stranger)).status).toBe(404);
      expect(
        (await h.call('PUT', `/channels/${cid}/overwrites/zz`, { as: owner, body: { type: 'role' } })).status,
      ).toBe(400);
      // a manager may only set bits they hold in the channel
      expect((await overwrite(member.id, 'member', P.KICK_MEMBERS, 0n, mgr)).status).toBe(403);
      expect((await overwrite(member.id, 'member', 0n, P.SEND_MESSAGES, mgr)).status).toBe(200);
      expect(
        (await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: member })).status,
      ).toBe(403);
      expect((await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: mgr })).status).toBe(
        204,
      );
      res = await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: mgr });
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_overwrite']);
    });

    it('@everyone overwrite deny VIEW_CHANNEL hides the channel; the owner still sees it', async () => {
      await overwrite(sid, 'role', 0n, P.VIEW_CHANNEL);
      expect(await canSee(member)).toBe(404);
      expect(await visible(member)).not.toContain(cid);
      expect(await canSee(owner)).toBe(200);
      expect(await visible(owner)).toContain(cid);
    });

    it('a role allow beats the @everyone deny', async () => {
      const r = await newRole(0n, member);
      await overwrite(r, 'role', P.VIEW_CHANNEL);
      expect(await canSee(member)).toBe(200);
      // among the member’s roles, allows are applied after denies
      const r2 = await newRole(0n, member);
      await overwrite(r2, 'role', 0n, P.VIEW_CHANNEL);
      expect(await canSee(member)).toBe(200);
      await h.call('DELETE', `/roles/${r2}`, { as: owner });
      // a member deny beats the role allow
      await overwrite(member.id, 'member', 0n, P.VIEW_CHANNEL);
      expect(await canSee(member)).toBe(404);
      // a member allow beats the role deny and the @everyone deny
      await h.call('DELETE', `/channels/${cid}/overwrites/${r}`, { as: owner });
      await overwrite(r, 'role', 0n, P.VIEW_CHANNEL);
      await overwrite(member.id, 'member', P.VIEW_CHANNEL);
      expect(await canSee(member)).toBe(200);
      await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: owner });
      expect(await canSee(member)).toBe(404);
      await h.call('DELETE', `/roles/${r}`, { as: owner });
      await h.call('DELETE', `/channels/${cid}/overwrites/${sid}`, { as: owner });
      expect(await canSee(member)).toBe(200);
    });

    it('a role deny on a server-level grant; ADMINISTRATOR bypasses every overwrite', async () => {
      const r = await newRole(0n, member);
      await overwrite(r, 'role', 0n, P.SEND_MESSAGES);
      let res = await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'x' } });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      await overwrite(member.id, 'member', 0n, P.VIEW_CHANNEL);
      const admin = await newRole(P.ADMINISTRATOR, member);
      res = await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'x' } });
      expect(res.status).toBe(201);
      // ADMINISTRATOR also passes server-level checks
      expect((await h.call('PATCH', `/servers/${sid}`, { as: member, body: { name: 'Perms' } })).status).toBe(
        200,
      );
      expect(
        (await h.call('POST', `/servers/${sid}/channels`, { as: member, body: { name: 'adm' } })).status,
      ).toBe(201);
      await h.call('DELETE', `/roles/${admin}`, { as: owner });
      await h.call('DELETE', `/roles/${r}`, { as: owner });
      await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: owner });
    });

    it('channel-level allow grants a bit the server level lacks (MANAGE_MESSAGES in one channel)', async () => {
      const msg = (
        await h.call('POST', `/channels/${cid}/messages`, { as: owner, body: { content: 'mine' } })
      ).body.id;
      expect((await h.call('DELETE', `/messages/${msg}`, { as: member })).status).toBe(403);
      await overwrite(member.id, 'member', P.MANAGE_MESSAGES);
      expect((await h.call('DELETE', `/messages/${msg}`, { as: member })).status).toBe(204);
      await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: owner });
    });

    it('the channel list holds exactly the viewable channels, by position then id', async () => {
      const hidden = (
        await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'hidden' } })
      ).body.id;
      await overwrite(sid, 'role', 0n, P.VIEW_CHANNEL, owner, hidden);
      const all = await visible(owner);
      expect(all).toContain(hidden);
      expect(await visible(member)).toEqual(all.filter((c) => c !== hidden));
      // a hidden channel is 404 everywhere for the member
      expect((await h.call('PATCH', `/channels/${hidden}`, { as: member, body: { name: 'x' } })).status).toBe(
        404,
      );
      expect((await h.call('POST', `/channels/${hidden}/typing`, { as: member })).status).toBe(404);
      expect((await overwrite(member.id, 'member', 0n, 0n, mgr, hidden)).status).toBe(404);
    });
  });
});
