import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, sql } from '@twopointo/db';
import { Permissions as P } from '@twopointo/shared';
import { community, type Community } from '../test/community.ts';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('audit log on %s', (backend) => {
  let h: Harness;
  let c: Community;
  let owner: TestUser;
  let auditor: TestUser;
  let member: TestUser;
  const log = (as: TestUser, query = '') => h.call('GET', `/servers/${c.sid}/audit-log${query}`, { as });
  const err = (res: { status: number; body: { error?: { code: string } } }) => [
    res.status,
    res.body?.error?.code,
  ];

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    auditor = await h.user('auditor');
    member = await h.user('member');
    c = await community(h, owner, [auditor, member]);
    await c.role(P.VIEW_AUDIT_LOG, [auditor], 'auditor');
  });
  afterAll(() => h?.close());

  it('needs VIEW_AUDIT_LOG; newest first; filters by action and actor; pages by id', async () => {
    expect(err(await log(member))).toEqual([403, 'missing_permission']);
    expect(err(await log(await h.user('stranger')))).toEqual([404, 'unknown_server']);
    const ch = await h.call('POST', `/servers/${c.sid}/channels`, {
      as: owner,
      body: { name: 'logged' },
      headers: { 'x-audit-log-reason': encodeURIComponent('for the logs ✓') },
    });
    await h.call('PATCH', `/channels/${ch.body.id}`, { as: owner, body: { topic: 'new topic' } });
    await h.call('DELETE', `/channels/${ch.body.id}`, { as: owner });
    const all = await log(auditor);
    expect(all.status).toBe(200);
    const actions = all.body.entries.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['channel_delete', 'channel_update', 'channel_create']);
    // the roles made in setup and their assignments are there too
    expect(actions).toEqual(expect.arrayContaining(['role_create', 'member_role_update', 'invite_create']));
    const created = all.body.entries[2];
    expect(created).toEqual({
      id: expect.any(String),
      action: 'channel_create',
      actor_id: owner.id,
      target_id: ch.body.id,
      reason: 'for the logs ✓',
      changes: expect.arrayContaining([{ key: 'name', new: 'logged' }]),
      created_at: expect.any(String),
    });
    expect(all.body.entries[1].changes).toEqual([{ key: 'topic', old: null, new: 'new topic' }]);
    const onlyRoles = await log(auditor, '?action=role_create');
    expect(onlyRoles.body.entries.map((e: { action: string }) => e.action)).toEqual(['role_create']);
    expect((await log(auditor, `?actor_id=${member.id}`)).body.entries).toEqual([]);
    const page = await log(auditor, `?limit=2&before=${all.body.entries[0].id}`);
    expect(page.body.entries.map((e: { id: string }) => e.id)).toEqual([
      all.body.entries[1].id,
      all.body.entries[2].id,
    ]);
  });

  it.each([
    ['?action=nope', 'querystring.action'],
    ['?limit=0', 'querystring.limit'],
    ['?limit=101', 'querystring.limit'],
    ['?before=x', 'querystring.before'],
    ['?actor_id=1.5', 'querystring.actor_id'],
  ])('rejects %s with 400', async (query, field) => {
    const res = await log(auditor, query);
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    expect(res.body.error.message).toContain(field);
  });

  it('a bad X-Audit-Log-Reason is a 400 and changes nothing', async () => {
    for (const reason of ['%E0%A4%A', encodeURIComponent('x'.repeat(513))]) {
      const res = await h.call('PATCH', `/servers/${c.sid}`, {
        as: owner,
        body: { name: 'Never' },
        headers: { 'x-audit-log-reason': reason },
      });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
      expect(res.body.error.message).toContain('x-audit-log-reason');
    }
    expect((await h.call('GET', `/servers/${c.sid}`, { as: owner })).body.name).toBe('Community');
  });

  it('a refused change leaves no entry', async () => {
    const before = (await log(owner)).body.entries.length;
    expect((await h.call('PATCH', `/servers/${c.sid}`, { as: member, body: { name: 'Nope' } })).status).toBe(
      403,
    );
    expect((await h.call('DELETE', `/servers/${c.sid}/members/${owner.id}`, { as: auditor })).status).toBe(
      403,
    );
    expect((await log(owner)).body.entries.length).toBe(before);
  });

  it('an audit write that fails rolls the change back (same transaction), with no event', async () => {
    // make the audit insert fail for one reason only
    await sql`alter table audit_log add constraint audit_test_refuses check (reason is distinct from 'boom')`.execute(
      h.database.db,
    );
    try {
      await h.drain();
      const res = await h.call('PATCH', `/servers/${c.sid}`, {
        as: owner,
        body: { name: 'Rolled back' },
        headers: { 'x-audit-log-reason': 'boom' },
      });
      expect(res.status).toBe(500);
      expect((await h.call('GET', `/servers/${c.sid}`, { as: owner })).body.name).toBe('Community');
      const kick = await h.call('DELETE', `/servers/${c.sid}/members/${member.id}`, {
        as: owner,
        headers: { 'x-audit-log-reason': 'boom' },
      });
      expect(kick.status).toBe(500);
      const members = (await h.call('GET', `/servers/${c.sid}/members`, { as: owner })).body.members;
      expect(members.map((m: { user: { id: string } }) => m.user.id)).toContain(member.id);
      expect(await h.drain()).toEqual([]);
    } finally {
      await sql`alter table audit_log drop constraint audit_test_refuses`.execute(h.database.db);
    }
  });
});
