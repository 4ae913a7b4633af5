import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions as P, newId } from '@twopointo/shared';
import { community, type Community } from '../test/community.ts';
import { SECRET, startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('server settings, channel order and invites on %s', (backend) => {
  let h: Harness;
  let c: Community;
  let owner: TestUser;
  let manager: TestUser;
  let member: TestUser;
  const err = (res: { status: number; body: { error?: { code: string } } }) => [
    res.status,
    res.body?.error?.code,
  ];
  /** a stored asset row of `user` (the icon check reads only the row) */
  const asset = async (user: TestUser, contentType = 'image/png', status: 'ready' | 'pending' = 'ready') => {
    const id = newId();
    await h.database.db
      .insertInto('assets')
      .values({
        id,
        owner_id: user.id,
        filename: 'i',
        content_type: contentType,
        size: '100',
        storage_key: `k/${id}`,
        status,
      })
      .execute();
    return id;
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    manager = await h.user('manager');
    member = await h.user('member');
    c = await community(h, owner, [manager, member]);
    await c.role(P.MANAGE_SERVER | P.MANAGE_CHANNELS, [manager], 'manager');
  });
  afterAll(() => h?.close());

  describe('PATCH /servers/:sid', () => {
    it('sets name and icon (MANAGE_SERVER): the icon becomes public; SERVER_UPDATE; audited', async () => {
      const icon = await asset(manager);
      await h.drain();
      const res = await h.call('PATCH', `/servers/${c.sid}`, {
        as: manager,
        body: { name: ' Club ', icon_asset_id: icon },
        headers: { 'x-audit-log-reason': 'fresh%20look' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Club', icon_asset_id: icon });
      const pub = await h.database.db
        .selectFrom('assets')
        .select('public')
        .where('id', '=', icon)
        .executeTakeFirst();
      expect(pub?.public).toBe(true);
      expect((await h.drain()).map((e) => e.t)).toEqual(['SERVER_UPDATE']);
      const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=server_update`, { as: owner });
      expect(log.body.entries[0]).toMatchObject({
        actor_id: manager.id,
        reason: 'fresh look',
        changes: [
          { key: 'name', old: 'Community', new: 'Club' },
          { key: 'icon_asset_id', old: null, new: icon },
        ],
      });
      // signed-out preview shows it
      const inv = await h.call('POST', `/servers/${c.sid}/invites`, { as: owner, body: {} });
      const preview = await h.call('GET', `/invites/${inv.body.code}`, {
        headers: { 'x-internal-secret': SECRET },
      });
      expect(preview.body).toEqual({
        code: inv.body.code,
        server: { id: c.sid, name: 'Club', icon_asset_id: icon },
        member_count: 3,
      });
      expect(
        (await h.call('PATCH', `/servers/${c.sid}`, { as: owner, body: { icon_asset_id: null } })).body
          .icon_asset_id,
      ).toBeNull();
    });

    it('refuses icons that are not a completed image of the caller', async () => {
      for (const id of [
        await asset(owner),
        await asset(manager, 'text/plain'),
        await asset(manager, 'image/png', 'pending'),
        '123',
      ])
        expect(
          err(await h.call('PATCH', `/servers/${c.sid}`, { as: manager, body: { icon_asset_id: id } })),
        ).toEqual([400, 'invalid_icon']);
    });

    it('permission, validation and transfer rules', async () => {
      expect(err(await h.call('PATCH', `/servers/${c.sid}`, { as: member, body: { name: 'x' } }))).toEqual([
        403,
        'missing_permission',
      ]);
      expect(
        err(await h.call('PATCH', `/servers/${c.sid}`, { as: manager, body: { owner_id: manager.id } })),
      ).toEqual([403, 'not_owner']);
      for (const body of [{}, { colour: 1 }, { name: '' }, { icon_asset_id: 'x' }, { owner_id: 5 }])
        expect(err(await h.call('PATCH', `/servers/${c.sid}`, { as: owner, body }))).toEqual([
          400,
          'invalid_input',
        ]);
      const outsider = await h.user('outsider');
      expect(
        err(await h.call('PATCH', `/servers/${c.sid}`, { as: owner, body: { owner_id: outsider.id } })),
      ).toEqual([400, 'invalid_input']);
      const res = await h.call('PATCH', `/servers/${c.sid}`, { as: owner, body: { owner_id: manager.id } });
      expect(res.body.owner_id).toBe(manager.id);
      // the former owner is now an ordinary member
      expect(err(await h.call('DELETE', `/servers/${c.sid}`, { as: owner }))).toEqual([403, 'not_owner']);
      expect(
        (await h.call('PATCH', `/servers/${c.sid}`, { as: manager, body: { owner_id: owner.id } })).status,
      ).toBe(200);
      const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=server_update&limit=2`, {
        as: owner,
      });
      expect(log.body.entries.map((e: { changes: { key: string }[] }) => e.changes[0]!.key)).toEqual([
        'owner_id',
        'owner_id',
      ]);
    });
  });

  describe('PATCH /servers/:sid/channels', () => {
    let cat: string;
    let a: string;
    let b: string;
    beforeAll(async () => {
      const make = async (name: string, type = 'text') =>
        (await h.call('POST', `/servers/${c.sid}/channels`, { as: owner, body: { name, type } })).body
          .id as string;
      cat = await make('cat', 'category');
      a = await make('a');
      b = await make('b');
    });

    it('moves and re-parents in one call; CHANNEL_UPDATE only for changed channels; audited', async () => {
      await h.drain();
      const res = await h.call('PATCH', `/servers/${c.sid}/channels`, {
        as: manager,
        body: [
          { id: a, position: 7, parent_id: cat },
          { id: b, position: 3 }, // where it already is: unchanged
          { id: c.general, position: 0, parent_id: null },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.channels).toEqual([expect.objectContaining({ id: a, position: 7, parent_id: cat })]);
      const events = await h.drain();
      expect(events.map((e) => [e.t, e.channel_id])).toEqual([['CHANNEL_UPDATE', a]]);
      const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=channel_update&limit=1`, {
        as: owner,
      });
      expect(log.body.entries[0]).toMatchObject({
        target_id: a,
        changes: [
          { key: 'position', old: 2, new: 7 },
          { key: 'parent_id', old: null, new: cat },
        ],
      });
    });

    it('is one transaction: a bad item changes nothing', async () => {
      const before = (await h.call('GET', `/servers/${c.sid}/channels`, { as: owner })).body.channels;
      const other = await community(h, owner);
      for (const [body, text] of [
        [
          [
            { id: b, position: 9 },
            { id: other.general, position: 1 },
          ],
          'not a channel of this server',
        ],
        [
          [
            { id: b, position: 9 },
            { id: a, position: 1, parent_id: b },
          ],
          'must be a category',
        ],
        [
          [
            { id: b, position: 9 },
            { id: cat, position: 1, parent_id: cat },
          ],
          'cannot sit in a category',
        ],
        [
          [
            { id: b, position: 9 },
            { id: b, position: 1 },
          ],
          'twice',
        ],
        [[{ id: b, position: -1 }], 'body'],
        [[], 'body'],
      ] as const) {
        const res = await h.call('PATCH', `/servers/${c.sid}/channels`, { as: owner, body });
        expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
        expect(res.body.error.message).toContain(text);
      }
      expect((await h.call('GET', `/servers/${c.sid}/channels`, { as: owner })).body.channels).toEqual(
        before,
      );
      expect(
        err(
          await h.call('PATCH', `/servers/${c.sid}/channels`, { as: member, body: [{ id: b, position: 1 }] }),
        ),
      ).toEqual([403, 'missing_permission']);
    });
  });

  describe('invites', () => {
    it('list (MANAGE_SERVER) with inviters; revoke by MANAGE_SERVER or the inviter; audited', async () => {
      const mine = (
        await h.call('POST', `/servers/${c.sid}/invites`, {
          as: member,
          body: { max_age: 3600, max_uses: 0 },
        })
      ).body;
      expect(mine).toMatchObject({ max_uses: null, expires_at: expect.any(String) });
      const limited = (
        await h.call('POST', `/servers/${c.sid}/invites`, { as: owner, body: { max_uses: 2, max_age: 0 } })
      ).body;
      expect(limited).toMatchObject({ max_uses: 2, expires_at: null });
      expect(err(await h.call('GET', `/servers/${c.sid}/invites`, { as: member }))).toEqual([
        403,
        'missing_permission',
      ]);
      const list = await h.call('GET', `/servers/${c.sid}/invites`, { as: manager });
      const byCode = new Map(list.body.invites.map((i: { code: string }) => [i.code, i]));
      expect(byCode.get(mine.code)).toMatchObject({
        uses: 0,
        inviter: expect.objectContaining({ id: member.id }),
      });
      expect(byCode.get(limited.code)).toMatchObject({
        max_uses: 2,
        inviter: expect.objectContaining({ id: owner.id }),
      });
      // someone else's invite: needs MANAGE_SERVER; a stranger gets 404
      const third = await h.user('third');
      await c.join(third);
      expect(err(await h.call('DELETE', `/invites/${limited.code}`, { as: member }))).toEqual([
        403,
        'missing_permission',
      ]);
      expect(err(await h.call('DELETE', `/invites/${limited.code}`, { as: await h.user('x') }))).toEqual([
        404,
        'unknown_invite',
      ]);
      expect((await h.call('DELETE', `/invites/${mine.code}`, { as: member })).status).toBe(204);
      expect((await h.call('DELETE', `/invites/${limited.code}`, { as: manager })).status).toBe(204);
      expect(err(await h.call('DELETE', `/invites/${limited.code}`, { as: manager }))).toEqual([
        404,
        'unknown_invite',
      ]);
      expect(
        err(await h.call('POST', `/invites/${limited.code}/accept`, { as: await h.user('late') })),
      ).toEqual([404, 'unknown_invite']);
      const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=invite_delete`, { as: owner });
      expect(log.body.entries.map((e: { actor_id: string }) => e.actor_id)).toEqual([manager.id, member.id]);
    });

    it('a signed-out preview: 200 for a usable invite, 404 for unknown and expired ones', async () => {
      const anon = { headers: { 'x-internal-secret': SECRET } };
      const code = (await h.call('POST', `/servers/${c.sid}/invites`, { as: owner, body: {} })).body.code;
      expect((await h.call('GET', `/invites/${code}`, anon)).status).toBe(200);
      expect(err(await h.call('GET', `/invites/nope`, anon))).toEqual([404, 'unknown_invite']);
      await h.database.db
        .updateTable('invites')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('code', '=', code)
        .execute();
      expect(err(await h.call('GET', `/invites/${code}`, anon))).toEqual([404, 'unknown_invite']);
      // the secret is still required, and only this route is anonymous
      expect((await h.call('GET', `/invites/nope`)).status).toBe(401);
      expect((await h.call('GET', `/servers/${c.sid}/invites`, anon)).status).toBe(401);
      expect((await h.call('DELETE', `/invites/${code}`, anon)).status).toBe(401);
    });
  });
});
