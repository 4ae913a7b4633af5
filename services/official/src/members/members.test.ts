import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('invites and members on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let stranger: TestUser;
  let sid: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    alice = await h.user('alice');
    bob = await h.user('bob');
    carol = await h.user('carol');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'Club' } })).body.id;
  });
  afterAll(() => h?.close());

  const invite = async (body?: object, as = owner) => h.call('POST', `/servers/${sid}/invites`, { as, body });
  const accept = (code: string, as: TestUser) => h.call('POST', `/invites/${code}/accept`, { as });

  describe('invites', () => {
    it('creates an invite: 201, 10-char base62 code, defaults', async () => {
      const res = await invite();
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        code: expect.stringMatching(/^[0-9A-Za-z]{10}$/),
        server_id: sid,
        inviter_id: owner.id,
        max_uses: null,
        uses: 0,
        expires_at: null,
        created_at: expect.any(String),
      });
    });

    it('sets max_uses and expires_in', async () => {
      const res = await invite({ max_uses: 3, expires_in: 3600 });
      expect(res.body.max_uses).toBe(3);
      const ttl = Date.parse(res.body.expires_at) - Date.now();
      expect(ttl).toBeGreaterThan(3500_000);
      expect(ttl).toBeLessThanOrEqual(3600_000);
    });

    it.each([
      [{ max_uses: -1 }, 'body.max_uses'],
      [{ max_age: 30 }, 'body.max_age'],
      [{ max_age: 3600, expires_in: 3600 }, 'body.max_age'],
      [{ max_uses: 1001 }, 'body.max_uses'],
      [{ max_uses: 1.5 }, 'body.max_uses'],
      [{ max_uses: '3' }, 'body.max_uses'],
      [{ expires_in: 59 }, 'body.expires_in'],
      [{ expires_in: 30 * 24 * 3600 + 1 }, 'body.expires_in'],
      [{ expires_in: 'soon' }, 'body.expires_in'],
    ])('rejects %j naming %s', async (body, field) => {
      const res = await invite(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });

    it('needs CREATE_INVITE; non-members 404', async () => {
      const code = (await invite()).body.code;
      await accept(code, alice);
      expect((await invite({}, alice)).status).toBe(201); // @everyone has it by default
      await h.call('PATCH', `/roles/${sid}`, {
        as: owner,
        body: { permissions: String(Permissions.VIEW_CHANNEL) },
      });
      const res = await invite({}, alice);
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      await h.call('PATCH', `/roles/${sid}`, {
        as: owner,
        body: { permissions: String(Permissions.VIEW_CHANNEL | Permissions.CREATE_INVITE) },
      });
      expect((await invite({}, stranger)).status).toBe(404);
    });

    it('previews for any user; 404 for unknown codes', async () => {
      const code = (await invite()).body.code;
      const res = await h.call('GET', `/invites/${code}`, { as: stranger });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        code,
        server: { id: sid, name: 'Club', icon_asset_id: null },
        member_count: 2,
      });
      for (const bad of ['nope', 'ZZZZZZZZZZ', 'x'.repeat(64)]) {
        const r = await h.call('GET', `/invites/${bad}`, { as: stranger });
        expect([r.status, r.body.error.code]).toEqual([404, 'unknown_invite']);
      }
      expect((await h.call('GET', `/invites/${'x'.repeat(65)}`, { as: stranger })).status).toBe(400);
    });

    it('accepting joins and counts a use; a member accepting again costs nothing', async () => {
      const code = (await invite({ max_uses: 1 })).body.code;
      const res = await accept(code, bob);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: sid, name: 'Club', owner_id: owner.id });
      const again = await accept(code, bob);
      expect([again.status, again.body.id]).toEqual([200, sid]);
      const row = await h.database.db
        .selectFrom('invites')
        .select('uses')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(row.uses).toBe(1);
      // used up: gone for everyone else
      expect((await h.call('GET', `/invites/${code}`, { as: carol })).status).toBe(404);
      const late = await accept(code, carol);
      expect([late.status, late.body.error.code]).toEqual([404, 'unknown_invite']);
      expect((await accept('doesnotexist', carol)).status).toBe(404);
    });

    it('expired invites are 404', async () => {
      const code = (await invite({ expires_in: 60 })).body.code;
      await h.database.db
        .updateTable('invites')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('code', '=', code)
        .execute();
      expect((await h.call('GET', `/invites/${code}`, { as: carol })).status).toBe(404);
      expect((await accept(code, carol)).status).toBe(404);
    });

    it('concurrent accepts never overrun max_uses', async () => {
      const code = (await invite({ max_uses: 2 })).body.code;
      const users = await Promise.all([1, 2, 3, 4, 5].map(() => h.user('racer')));
      const results = await Promise.all(users.map((u) => accept(code, u)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(2);
      expect(results.filter((r) => r.status === 404)).toHaveLength(3);
      const row = await h.database.db
        .selectFrom('invites')
        .select('uses')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(row.uses).toBe(2);
      for (const [i, u] of users.entries()) {
        if (results[i]!.status === 200) await h.call('DELETE', `/servers/${sid}/members/${u.id}`, { as: u });
      }
    });
  });

  describe('members', () => {
    it('lists members with roles, joined_at and presence status from the cache', async () => {
      const role = (await h.call('POST', `/servers/${sid}/roles`, { as: owner, body: { name: 'mod' } })).body
        .id;
      await h.call('PUT', `/servers/${sid}/members/${alice.id}/roles/${role}`, { as: owner });
      await h.cache.set(`presence:${alice.id}`, '2', 0);
      await h.cache.set(`presence:${bob.id}`, '0', 0);
      const res = await h.call('GET', `/servers/${sid}/members`, { as: bob });
      expect(res.status).toBe(200);
      const byId = new Map(res.body.members.map((m: { user: { id: string } }) => [m.user.id, m]));
      expect(byId.get(alice.id)).toEqual({
        user: expect.objectContaining({ id: alice.id, username: alice.username }),
        roles: [role],
        joined_at: expect.any(String),
        status: 'online',
        nick: null,
        communication_disabled_until: null,
      });
      expect(byId.get(bob.id)).toMatchObject({ roles: [], status: 'offline' });
      expect(byId.get(owner.id)).toMatchObject({ status: 'offline' });
      expect(res.body.members).toHaveLength(3);
      expect((await h.call('GET', `/servers/${sid}/members`, { as: stranger })).status).toBe(404);
      await h.call('DELETE', `/roles/${role}`, { as: owner });
    });

    it('a member leaves (204); the owner cannot (400)', async () => {
      const code = (await invite()).body.code;
      await accept(code, carol);
      expect((await h.call('DELETE', `/servers/${sid}/members/${carol.id}`, { as: carol })).status).toBe(204);
      expect((await h.call('GET', `/servers/${sid}`, { as: carol })).status).toBe(404);
      const res = await h.call('DELETE', `/servers/${sid}/members/${owner.id}`, { as: owner });
      expect([res.status, res.body.error.code]).toEqual([400, 'owner_cannot_leave']);
    });

    it('kicking needs KICK_MEMBERS and never reaches the owner', async () => {
      await accept((await invite()).body.code, carol);
      let res = await h.call('DELETE', `/servers/${sid}/members/${carol.id}`, { as: bob });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      const kick = (
        await h.call('POST', `/servers/${sid}/roles`, {
          as: owner,
          body: { name: 'k', permissions: String(Permissions.KICK_MEMBERS) },
        })
      ).body.id;
      await h.call('PUT', `/servers/${sid}/members/${bob.id}/roles/${kick}`, { as: owner });
      res = await h.call('DELETE', `/servers/${sid}/members/${owner.id}`, { as: bob });
      expect([res.status, res.body.error.code]).toEqual([403, 'cannot_kick_owner']);
      expect((await h.call('DELETE', `/servers/${sid}/members/${carol.id}`, { as: bob })).status).toBe(204);
      res = await h.call('DELETE', `/servers/${sid}/members/${carol.id}`, { as: bob });
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_member']);
      expect((await h.call('DELETE', `/servers/${sid}/members/${stranger.id}`, { as: owner })).status).toBe(
        404,
      );
      expect((await h.call('DELETE', `/servers/${sid}/members/${alice.id}`, { as: stranger })).status).toBe(
        404,
      );
      expect((await h.call('DELETE', `/servers/${sid}/members/abc`, { as: owner })).status).toBe(400);
      // the owner kicks anyone
      expect((await h.call('DELETE', `/servers/${sid}/members/${alice.id}`, { as: owner })).status).toBe(204);
      await h.call('DELETE', `/roles/${kick}`, { as: owner });
    });
  });
});
