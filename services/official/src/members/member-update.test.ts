import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { DEFAULT_EVERYONE_PERMISSIONS, Permissions as P } from '@twopointo/shared';
import { community, type Community } from '../test/community.ts';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(TEST_BACKENDS)('nicknames and timeouts on %s', (backend) => {
  let h: Harness;
  let c: Community;
  let owner: TestUser;
  let mod: TestUser;
  let member: TestUser;
  let admin: TestUser;
  const err = (res: { status: number; body: { error?: { code: string } } }) => [
    res.status,
    res.body?.error?.code,
  ];
  const patch = (as: TestUser, uid: string, body: unknown, headers?: Record<string, string>) =>
    h.call('PATCH', `/servers/${c.sid}/members/${uid}`, { as, body, headers });
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    mod = await h.user('mod');
    member = await h.user('member');
    admin = await h.user('admin');
    c = await community(h, owner, [mod, member, admin]);
    await c.role(P.ADMINISTRATOR, [admin], 'admin');
    await c.role(P.MANAGE_NICKNAMES | P.MODERATE_MEMBERS | P.VIEW_CHANNEL, [mod], 'mod');
  });
  afterAll(() => h?.close());

  it('own nickname with CHANGE_NICKNAME: MEMBER_UPDATE, not audited; "" clears', async () => {
    await h.drain();
    const res = await patch(member, member.id, { nick: '  Mimi  ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nick: 'Mimi', communication_disabled_until: null });
    expect(await h.drain()).toEqual([
      {
        t: 'MEMBER_UPDATE',
        server_id: c.sid,
        channel_id: undefined,
        d: { server_id: c.sid, member: expect.objectContaining({ nick: 'Mimi' }) },
      },
    ]);
    expect((await patch(member, member.id, { nick: '' })).body.nick).toBeNull();
    // unchanged: nothing said
    await h.drain();
    expect((await patch(member, member.id, { nick: null })).status).toBe(200);
    expect(await h.drain()).toEqual([]);
    const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=member_update`, { as: owner });
    expect(log.body.entries).toEqual([]);
  });

  it('without CHANGE_NICKNAME one cannot rename oneself; others need MANAGE_NICKNAMES', async () => {
    await h.call('PATCH', `/roles/${c.sid}`, {
      as: owner,
      body: { permissions: String(DEFAULT_EVERYONE_PERMISSIONS & ~P.CHANGE_NICKNAME) },
    });
    expect(err(await patch(member, member.id, { nick: 'x' }))).toEqual([403, 'missing_permission']);
    expect((await patch(mod, mod.id, { nick: 'Moddy' })).status).toBe(200);
    await h.call('PATCH', `/roles/${c.sid}`, {
      as: owner,
      body: { permissions: String(DEFAULT_EVERYONE_PERMISSIONS) },
    });
    expect(err(await patch(member, mod.id, { nick: 'x' }))).toEqual([403, 'missing_permission']);
    const res = await patch(mod, member.id, { nick: 'Renamed' }, { 'x-audit-log-reason': 'bad%20name' });
    expect(res.body.nick).toBe('Renamed');
    const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=member_update`, { as: owner });
    expect(log.body.entries[0]).toMatchObject({
      actor_id: mod.id,
      target_id: member.id,
      reason: 'bad name',
      changes: [{ key: 'nick', old: null, new: 'Renamed' }],
    });
  });

  it.each([
    [{}, 'body'],
    [{ colour: 1 }, 'body'],
    [{ nick: 'x'.repeat(33) }, 'body.nick'],
    [{ nick: 5 }, 'body.nick'],
    [{ communication_disabled_until: 'soon' }, 'body.communication_disabled_until'],
    [{ communication_disabled_until: '2000-01-01T00:00:00Z' }, 'body.communication_disabled_until'],
    [{ communication_disabled_until: new Date(Date.now() + 29 * 86_400_000).toISOString() }, '28 days'],
  ])('rejects %j naming %s', async (body, text) => {
    const res = await patch(mod, member.id, body);
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    expect(res.body.error.message).toContain(text);
  });

  it('timeouts need MODERATE_MEMBERS; unknown members 404; admins cannot be timed out', async () => {
    expect(err(await patch(member, mod.id, { communication_disabled_until: inMinutes(5) }))).toEqual([
      403,
      'missing_permission',
    ]);
    expect(err(await patch(mod, '123', { communication_disabled_until: inMinutes(5) }))).toEqual([
      404,
      'unknown_member',
    ]);
    expect(err(await patch(owner, admin.id, { communication_disabled_until: inMinutes(5) }))).toEqual([
      403,
      'cannot_timeout_admin',
    ]);
    const stranger = await h.user('stranger');
    expect(err(await patch(stranger, member.id, { nick: 'x' }))).toEqual([404, 'unknown_server']);
  });

  it('a timed-out member reads but cannot send, type or react; null clears', async () => {
    const mine = (
      await h.call('POST', `/channels/${c.general}/messages`, { as: owner, body: { content: 'hi' } })
    ).body.id;
    // a reaction already on the message (joining it needs no ADD_REACTIONS, but a timeout forbids it)
    const heart = '%E2%9D%A4%EF%B8%8F';
    const reactPath = `/channels/${c.general}/messages/${mine}/reactions/${heart}/@me`;
    expect((await h.call('PUT', reactPath, { as: owner })).status).toBe(204);
    // warm the read cache with the member's context before the timeout
    expect((await h.call('GET', `/channels/${c.general}/messages`, { as: member })).status).toBe(200);
    const until = inMinutes(10);
    const res = await patch(mod, member.id, { communication_disabled_until: until });
    expect(res.body.communication_disabled_until).toBe(until);
    const send = await h.call('POST', `/channels/${c.general}/messages`, {
      as: member,
      body: { content: 'x' },
    });
    expect(err(send)).toEqual([403, 'member_timed_out']);
    expect(send.body.error.message).toContain(until);
    expect(err(await h.call('POST', `/channels/${c.general}/typing`, { as: member }))).toEqual([
      403,
      'member_timed_out',
    ]);
    const react = await h.call('PUT', `/channels/${c.general}/messages/${mine}/reactions/%F0%9F%91%8D/@me`, {
      as: member,
    });
    expect(react.status).toBe(403);
    expect(err(await h.call('PUT', reactPath, { as: member }))).toEqual([403, 'member_timed_out']);
    expect((await h.call('GET', `/channels/${c.general}/messages`, { as: member })).status).toBe(200);
    // server-level acts are refused too
    expect(err(await h.call('POST', `/servers/${c.sid}/invites`, { as: member, body: {} }))).toEqual([
      403,
      'member_timed_out',
    ]);
    const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=member_update`, { as: owner });
    expect(log.body.entries[0].changes).toEqual([
      { key: 'communication_disabled_until', old: null, new: until },
    ]);
    expect(
      (await patch(mod, member.id, { communication_disabled_until: null })).body.communication_disabled_until,
    ).toBeNull();
    expect(
      (await h.call('POST', `/channels/${c.general}/messages`, { as: member, body: { content: 'back' } }))
        .status,
    ).toBe(201);
  });

  it('a timeout ends by the clock, even for a cached permission context (no event needed)', async () => {
    expect((await h.call('GET', `/channels/${c.general}/messages`, { as: member })).status).toBe(200);
    await patch(mod, member.id, { communication_disabled_until: new Date(Date.now() + 1500).toISOString() });
    expect(err(await h.call('POST', `/channels/${c.general}/typing`, { as: member }))).toEqual([
      403,
      'member_timed_out',
    ]);
    await sleep(1600);
    await h.drain();
    expect((await h.call('POST', `/channels/${c.general}/typing`, { as: member })).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    // and it is presented as no timeout
    const members = (await h.call('GET', `/servers/${c.sid}/members`, { as: owner })).body.members;
    expect(
      members.find((m: { user: { id: string } }) => m.user.id === member.id).communication_disabled_until,
    ).toBeNull();
  });
});
