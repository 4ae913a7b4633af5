import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions as P } from '@twopointo/shared';
import { community, type Community } from '../test/community.ts';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('bans on %s', (backend) => {
  let h: Harness;
  let c: Community;
  let owner: TestUser;
  let mod: TestUser;
  let spammer: TestUser;
  let plain: TestUser;
  let second: string;
  const err = (res: { status: number; body: { error?: { code: string } } }) => [
    res.status,
    res.body?.error?.code,
  ];
  const post = async (as: TestUser, cid: string, content: string) =>
    (await h.call('POST', `/channels/${cid}/messages`, { as, body: { content } })).body.id as string;

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    mod = await h.user('mod');
    spammer = await h.user('spammer');
    plain = await h.user('plain');
    c = await community(h, owner, [mod, spammer, plain]);
    await c.role(P.BAN_MEMBERS | P.MANAGE_MESSAGES | P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY, [mod], 'mod');
    second = (await h.call('POST', `/servers/${c.sid}/channels`, { as: owner, body: { name: 'second' } }))
      .body.id;
  });
  afterAll(() => h?.close());

  it('needs BAN_MEMBERS; 404 for strangers, unknown users and bad ids', async () => {
    expect(err(await h.call('PUT', `/servers/${c.sid}/bans/${spammer.id}`, { as: plain, body: {} }))).toEqual(
      [403, 'missing_permission'],
    );
    expect(err(await h.call('GET', `/servers/${c.sid}/bans`, { as: plain }))).toEqual([
      403,
      'missing_permission',
    ]);
    expect(err(await h.call('DELETE', `/servers/${c.sid}/bans/${spammer.id}`, { as: plain }))).toEqual([
      403,
      'missing_permission',
    ]);
    const stranger = await h.user('stranger');
    expect(
      err(await h.call('PUT', `/servers/${c.sid}/bans/${spammer.id}`, { as: stranger, body: {} })),
    ).toEqual([404, 'unknown_server']);
    expect(err(await h.call('PUT', `/servers/${c.sid}/bans/123`, { as: mod, body: {} }))).toEqual([
      404,
      'unknown_user',
    ]);
    expect(err(await h.call('PUT', `/servers/${c.sid}/bans/abc`, { as: mod, body: {} }))).toEqual([
      400,
      'invalid_input',
    ]);
    expect(err(await h.call('PUT', `/servers/${c.sid}/bans/${owner.id}`, { as: mod, body: {} }))).toEqual([
      403,
      'cannot_ban_owner',
    ]);
    expect(err(await h.call('DELETE', `/servers/${c.sid}/bans/${plain.id}`, { as: mod }))).toEqual([
      404,
      'unknown_ban',
    ]);
  });

  it.each([
    [{ delete_message_seconds: -1 }, 'body.delete_message_seconds'],
    [{ delete_message_seconds: 604_801 }, 'body.delete_message_seconds'],
    [{ reason: 'x'.repeat(513) }, 'body.reason'],
    [{ reason: 5 }, 'body.reason'],
  ])('rejects %j naming %s', async (body, field) => {
    const res = await h.call('PUT', `/servers/${c.sid}/bans/${spammer.id}`, { as: mod, body });
    expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
    expect(res.body.error.message).toContain(field);
  });

  it('a ban removes the member, deletes their recent messages per channel in one go, and is listed', async () => {
    const keep = await post(plain, c.general, 'innocent');
    const spam = [await post(spammer, c.general, 'spam 1'), await post(spammer, c.general, 'spam 2')];
    const spam2 = await post(spammer, second, 'spam 3');
    await h.drain();
    const res = await h.call('PUT', `/servers/${c.sid}/bans/${spammer.id}`, {
      as: mod,
      body: { reason: ' spamming ', delete_message_seconds: 3600 },
    });
    expect(res.status).toBe(204);
    const events = await h.drain();
    expect(events).toEqual(
      expect.arrayContaining([
        {
          t: 'MEMBER_LEAVE',
          server_id: c.sid,
          channel_id: undefined,
          d: { server_id: c.sid, user_id: spammer.id },
        },
        {
          t: 'MESSAGE_DELETE_BULK',
          server_id: c.sid,
          channel_id: c.general,
          d: { ids: spam, channel_id: c.general, server_id: c.sid },
        },
        {
          t: 'MESSAGE_DELETE_BULK',
          server_id: c.sid,
          channel_id: second,
          d: { ids: [spam2], channel_id: second, server_id: c.sid },
        },
      ]),
    );
    expect(events).toHaveLength(3);
    const history = await h.call('GET', `/channels/${c.general}/messages`, { as: owner });
    expect(history.body.messages.map((m: { id: string }) => m.id)).toContain(keep);
    expect(history.body.messages.map((m: { id: string }) => m.id)).not.toContain(spam[0]);
    // the channel's newest message went back to the newest one left
    const chans = await h.call('GET', `/servers/${c.sid}/channels`, { as: owner });
    const general = chans.body.channels.find((ch: { id: string }) => ch.id === c.general);
    expect(general.last_message_id).toBe(keep);
    expect(chans.body.channels.find((ch: { id: string }) => ch.id === second).last_message_id).toBeNull();
    const members = await h.call('GET', `/servers/${c.sid}/members`, { as: owner });
    expect(members.body.members.map((m: { user: { id: string } }) => m.user.id)).not.toContain(spammer.id);
    const bans = await h.call('GET', `/servers/${c.sid}/bans`, { as: mod });
    expect(bans.body.bans).toEqual([
      {
        user: expect.objectContaining({ id: spammer.id }),
        reason: 'spamming',
        created_at: expect.any(String),
      },
    ]);
    const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=member_ban_add`, { as: owner });
    expect(log.body.entries[0]).toMatchObject({
      actor_id: mod.id,
      target_id: spammer.id,
      reason: 'spamming',
      changes: [{ key: 'delete_message_seconds', new: 3600 }],
    });
  });

  it('a banned user is refused at every invite, until unbanned', async () => {
    const codes = [];
    for (const body of [{}, { max_uses: 5 }])
      codes.push((await h.call('POST', `/servers/${c.sid}/invites`, { as: owner, body })).body.code);
    for (const code of codes)
      expect(err(await h.call('POST', `/invites/${code}/accept`, { as: spammer }))).toEqual([403, 'banned']);
    expect(
      (
        await h.call('DELETE', `/servers/${c.sid}/bans/${spammer.id}`, {
          as: mod,
          headers: { 'x-audit-log-reason': 'second%20chance' },
        })
      ).status,
    ).toBe(204);
    const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=member_ban_remove`, { as: owner });
    expect(log.body.entries[0]).toMatchObject({ target_id: spammer.id, reason: 'second chance' });
    expect((await h.call('POST', `/invites/${codes[0]}/accept`, { as: spammer })).status).toBe(200);
    expect((await h.call('GET', `/servers/${c.sid}/bans`, { as: mod })).body.bans).toEqual([]);
  });

  it('a non-member can be banned (no MEMBER_LEAVE), and banning again replaces the reason', async () => {
    const outsider = await h.user('outsider');
    await h.drain();
    expect((await h.call('PUT', `/servers/${c.sid}/bans/${outsider.id}`, { as: mod })).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    expect(
      (await h.call('PUT', `/servers/${c.sid}/bans/${outsider.id}`, { as: mod, body: { reason: 'again' } }))
        .status,
    ).toBe(204);
    const bans = (await h.call('GET', `/servers/${c.sid}/bans`, { as: mod })).body.bans;
    expect(bans.find((b: { user: { id: string } }) => b.user.id === outsider.id).reason).toBe('again');
  });

  it('MANAGE_MESSAGES deletes others’ messages (audited); without it 403', async () => {
    const mid = await post(plain, c.general, 'rude');
    const other = await h.user('other');
    await c.join(other);
    expect(err(await h.call('DELETE', `/messages/${mid}`, { as: other }))).toEqual([
      403,
      'missing_permission',
    ]);
    expect((await h.call('DELETE', `/messages/${mid}`, { as: mod })).status).toBe(204);
    const log = await h.call('GET', `/servers/${c.sid}/audit-log?action=message_delete`, { as: owner });
    expect(log.body.entries[0]).toMatchObject({ actor_id: mod.id, target_id: plain.id });
    // deleting one's own message is not a moderation act
    const own = await post(mod, c.general, 'mine');
    await h.call('DELETE', `/messages/${own}`, { as: mod });
    expect(
      (await h.call('GET', `/servers/${c.sid}/audit-log?action=message_delete`, { as: owner })).body.entries,
    ).toHaveLength(1);
  });
});
