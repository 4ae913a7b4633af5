import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { DEFAULT_EVERYONE_PERMISSIONS, Permissions } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('servers and channels on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let sid: string;

  /** joins `user` to server `sid` through an invite */
  async function join(user: TestUser, serverId = sid) {
    const inv = await h.call('POST', `/servers/${serverId}/invites`, { as: owner, body: {} });
    expect((await h.call('POST', `/invites/${inv.body.code}/accept`, { as: user })).status).toBe(200);
  }

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    member = await h.user('member');
    stranger = await h.user('stranger');
  });
  afterAll(() => h?.close());

  describe('servers', () => {
    it('creates a server: 201, owner is a member, @everyone role made with the server id', async () => {
      const res = await h.call('POST', '/servers', { as: owner, body: { name: '  My Server  ' } });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'My Server',
        owner_id: owner.id,
        created_at: expect.any(String),
        icon_asset_id: null,
      });
      sid = res.body.id;
      const roles = await h.call('GET', `/servers/${sid}/roles`, { as: owner });
      expect(roles.body.roles).toEqual([
        expect.objectContaining({
          id: sid,
          name: '@everyone',
          permissions: DEFAULT_EVERYONE_PERMISSIONS.toString(),
        }),
      ]);
      const members = await h.call('GET', `/servers/${sid}/members`, { as: owner });
      expect(members.body.members.map((m: { user: { id: string } }) => m.user.id)).toEqual([owner.id]);
      // a #general text channel comes with it, made in the same transaction
      expect((await h.call('GET', `/servers/${sid}/channels`, { as: owner })).body.channels).toEqual([
        expect.objectContaining({ name: 'general', type: 'text', position: 0, parent_id: null }),
      ]);
      await join(member);
    });

    it.each([
      [{}, 'body.name'],
      [{ name: '' }, 'body.name'],
      [{ name: '   ' }, 'body.name'],
      [{ name: 'x'.repeat(101) }, 'body.name'],
      [{ name: 'x'.repeat(201) }, 'body.name'],
      [{ name: 42 }, 'body.name'],
    ])('rejects bad server body %j with 400 naming %s', async (body, field) => {
      const res = await h.call('POST', '/servers', { as: owner, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message).toContain(field);
    });

    it('rejects a malformed JSON body with 400', async () => {
      const res = await h.call('POST', '/servers', { as: owner, body: '{"name":' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    });

    it('lists my servers', async () => {
      const mine = await h.call('GET', '/me/servers', { as: member });
      expect(mine.status).toBe(200);
      expect(mine.body.servers.map((s: { id: string }) => s.id)).toEqual([sid]);
      expect((await h.call('GET', '/me/servers', { as: stranger })).body).toEqual({ servers: [] });
    });

    it('reads a server as a member; 404 for non-members, unknown and bad ids', async () => {
      expect((await h.call('GET', `/servers/${sid}`, { as: member })).body.name).toBe('My Server');
      for (const [path, status, code] of [
        [`/servers/${sid}`, 404, 'unknown_server'],
        ['/servers/123', 404, 'unknown_server'],
        ['/servers/abc', 400, 'invalid_input'],
        ['/servers/99999999999999999999', 400, 'invalid_input'],
        ['/servers/9999999999999999999', 400, 'invalid_input'],
      ] as const) {
        const res = await h.call('GET', path, { as: stranger });
        expect([path, res.status, res.body.error.code]).toEqual([path, status, code]);
      }
    });

    it('renames with MANAGE_SERVER only', async () => {
      let res = await h.call('PATCH', `/servers/${sid}`, { as: member, body: { name: 'Hijack' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('missing_permission');
      expect((await h.call('PATCH', `/servers/${sid}`, { as: stranger, body: { name: 'x' } })).status).toBe(
        404,
      );
      const role = await h.call('POST', `/servers/${sid}/roles`, {
        as: owner,
        body: { name: 'mgr', permissions: String(Permissions.MANAGE_SERVER) },
      });
      await h.call('PUT', `/servers/${sid}/members/${member.id}/roles/${role.body.id}`, { as: owner });
      res = await h.call('PATCH', `/servers/${sid}`, { as: member, body: { name: ' Renamed ' } });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Renamed');
      expect((await h.call('PATCH', `/servers/${sid}`, { as: owner, body: { name: '' } })).status).toBe(400);
      expect((await h.call('PATCH', `/servers/${sid}`, { as: owner, body: {} })).status).toBe(400);
      await h.call('DELETE', `/roles/${role.body.id}`, { as: owner });
    });

    it('deletes only as the owner; everything in it goes', async () => {
      const s = await h.call('POST', '/servers', { as: owner, body: { name: 'Doomed' } });
      await join(member, s.body.id);
      const ch = await h.call('POST', `/servers/${s.body.id}/channels`, { as: owner, body: { name: 'x' } });
      await h.call('POST', `/channels/${ch.body.id}/messages`, { as: owner, body: { content: 'hi' } });
      // even an ADMINISTRATOR is not the owner
      const admin = await h.call('POST', `/servers/${s.body.id}/roles`, {
        as: owner,
        body: { name: 'a', permissions: String(Permissions.ADMINISTRATOR) },
      });
      await h.call('PUT', `/servers/${s.body.id}/members/${member.id}/roles/${admin.body.id}`, { as: owner });
      let res = await h.call('DELETE', `/servers/${s.body.id}`, { as: member });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('not_owner');
      expect((await h.call('DELETE', `/servers/${s.body.id}`, { as: stranger })).status).toBe(404);
      res = await h.call('DELETE', `/servers/${s.body.id}`, { as: owner });
      expect(res.status).toBe(204);
      expect((await h.call('GET', `/servers/${s.body.id}`, { as: owner })).status).toBe(404);
      expect((await h.call('GET', `/channels/${ch.body.id}/messages`, { as: owner })).status).toBe(404);
      expect((await h.call('DELETE', `/servers/${s.body.id}`, { as: owner })).status).toBe(404);
    });
  });

  describe('channels', () => {
    let cid: string;

    it('creates with MANAGE_CHANNELS: name normalised, topic optional, positions increase', async () => {
      let res = await h.call('POST', `/servers/${sid}/channels`, {
        as: owner,
        body: { name: '  General   Chat\tRoom ' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        server_id: sid,
        name: 'general-chat-room',
        topic: null,
        position: 1,
        created_at: expect.any(String),
        last_message_id: null,
        type: 'text',
        parent_id: null,
      });
      cid = res.body.id;
      res = await h.call('POST', `/servers/${sid}/channels`, {
        as: owner,
        body: { name: 'Second', topic: ' about ' },
      });
      expect(res.body).toMatchObject({ name: 'second', topic: 'about', position: 2 });
      res = await h.call('POST', `/servers/${sid}/channels`, { as: member, body: { name: 'nope' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('missing_permission');
      expect(
        (await h.call('POST', `/servers/${sid}/channels`, { as: stranger, body: { name: 'nope' } })).status,
      ).toBe(404);
    });

    it.each([
      [{}, 'body.name'],
      [{ name: '   ' }, 'body.name'],
      [{ name: 'a'.repeat(101) }, 'body.name'],
      [{ name: 7 }, 'body.name'],
      [{ name: 'ok', topic: 'x'.repeat(1025) }, 'body.topic'],
      [{ name: 'ok', topic: 5 }, 'body.topic'],
    ])('rejects bad channel body %j naming %s', async (body, field) => {
      const res = await h.call('POST', `/servers/${sid}/channels`, { as: owner, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });

    it('lists by position then id', async () => {
      const res = await h.call('GET', `/servers/${sid}/channels`, { as: member });
      expect(res.body.channels.map((c: { name: string }) => c.name)).toEqual([
        'general',
        'general-chat-room',
        'second',
      ]);
      expect((await h.call('GET', `/servers/${sid}/channels`, { as: stranger })).status).toBe(404);
    });

    it('edits name, topic and position with MANAGE_CHANNELS', async () => {
      let res = await h.call('PATCH', `/channels/${cid}`, {
        as: owner,
        body: { name: 'Main Hall', topic: 'welcome', position: 5 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: cid, name: 'main-hall', topic: 'welcome', position: 5 });
      res = await h.call('PATCH', `/channels/${cid}`, { as: owner, body: { topic: null } });
      expect(res.body.topic).toBeNull();
      const list = await h.call('GET', `/servers/${sid}/channels`, { as: owner });
      expect(list.body.channels.map((c: { name: string }) => c.name)).toEqual([
        'general',
        'second',
        'main-hall',
      ]);
      res = await h.call('PATCH', `/channels/${cid}`, { as: member, body: { name: 'x' } });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect((await h.call('PATCH', `/channels/${cid}`, { as: stranger, body: { name: 'x' } })).status).toBe(
        404,
      );
      for (const [body, field] of [
        [{}, 'body'],
        [{ name: '' }, 'body.name'],
        [{ position: -1 }, 'body.position'],
        [{ position: 1.5 }, 'body.position'],
        [{ topic: 'x'.repeat(1025) }, 'body.topic'],
      ] as const) {
        res = await h.call('PATCH', `/channels/${cid}`, { as: owner, body });
        expect([res.status, res.body.error.message.startsWith(field)]).toEqual([400, true]);
      }
      expect((await h.call('PATCH', '/channels/1', { as: owner, body: { name: 'x' } })).status).toBe(404);
      expect((await h.call('PATCH', '/channels/x', { as: owner, body: { name: 'x' } })).status).toBe(400);
    });

    it('deletes with MANAGE_CHANNELS', async () => {
      const c = await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'temp' } });
      let res = await h.call('DELETE', `/channels/${c.body.id}`, { as: member });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect((await h.call('DELETE', `/channels/${c.body.id}`, { as: stranger })).status).toBe(404);
      res = await h.call('DELETE', `/channels/${c.body.id}`, { as: owner });
      expect(res.status).toBe(204);
      res = await h.call('DELETE', `/channels/${c.body.id}`, { as: owner });
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_channel']);
    });

    it('a member with MANAGE_CHANNELS via a role can create, edit and delete', async () => {
      const role = await h.call('POST', `/servers/${sid}/roles`, {
        as: owner,
        body: { name: 'ch', permissions: String(Permissions.MANAGE_CHANNELS) },
      });
      await h.call('PUT', `/servers/${sid}/members/${member.id}/roles/${role.body.id}`, { as: owner });
      const c = await h.call('POST', `/servers/${sid}/channels`, { as: member, body: { name: 'by-member' } });
      expect(c.status).toBe(201);
      expect(
        (await h.call('PATCH', `/channels/${c.body.id}`, { as: member, body: { topic: 't' } })).status,
      ).toBe(200);
      expect((await h.call('DELETE', `/channels/${c.body.id}`, { as: member })).status).toBe(204);
      await h.call('DELETE', `/roles/${role.body.id}`, { as: owner });
    });
  });
});
