import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';
import { MAX_PINS } from './pin.service.ts';

describe.each(TEST_BACKENDS)('pins on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let mod: TestUser;
  let member: TestUser;
  let blind: TestUser;
  let stranger: TestUser;
  let sid: string;
  let cid: string;
  let other: string;

  const post = async (content: string, channel = cid) => {
    const res = await h.call('POST', `/channels/${channel}/messages`, { as: owner, body: { content } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const pin = (as: TestUser, mid: string, channel = cid) =>
    h.call('PUT', `/channels/${channel}/pins/${mid}`, { as });
  const unpin = (as: TestUser, mid: string, channel = cid) =>
    h.call('DELETE', `/channels/${channel}/pins/${mid}`, { as });
  const pinned = async (as: TestUser = member, channel = cid) => {
    const res = await h.call('GET', `/channels/${channel}/pins`, { as });
    expect(res.status).toBe(200);
    return (res.body.messages as { id: string; pinned: boolean }[]).map((m) => m.id);
  };
  const newChannel = async (name: string) =>
    (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name } })).body.id as string;

  beforeAll(async () => {
    h = await startHarness(backend, { RATE_LIMITS: 'off' });
    owner = await h.user('owner');
    mod = await h.user('mod');
    member = await h.user('member');
    blind = await h.user('blind');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'S' } })).body.id;
    cid = await newChannel('general');
    other = await newChannel('other');
    for (const u of [mod, member, blind]) {
      const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
      expect((await h.call('POST', `/invites/${inv.body.code}/accept`, { as: u })).status).toBe(200);
    }
    const role = (
      await h.call('POST', `/servers/${sid}/roles`, {
        as: owner,
        body: { name: 'mods', permissions: String(Permissions.MANAGE_MESSAGES) },
      })
    ).body.id;
    expect(
      (await h.call('PUT', `/servers/${sid}/members/${mod.id}/roles/${role}`, { as: owner })).status,
    ).toBe(204);
    await h.call('PUT', `/channels/${cid}/overwrites/${blind.id}`, {
      as: owner,
      body: { type: 'member', deny: String(Permissions.READ_MESSAGE_HISTORY) },
    });
  });
  afterAll(() => h?.close());

  it('PUT is 204, marks the message pinned and emits CHANNEL_PINS_UPDATE; again it is 204 and emits nothing', async () => {
    const mid = await post('pin me');
    await h.drain();
    expect((await pin(mod, mid)).status).toBe(204);
    const [event, line, ...rest] = await h.drain();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ t: 'MESSAGE_CREATE', d: { type: 'pin', reference_id: mid } });
    expect(event).toMatchObject({
      t: 'CHANNEL_PINS_UPDATE',
      server_id: sid,
      channel_id: cid,
      d: {
        channel_id: cid,
        server_id: sid,
        message_id: mid,
        pinned: true,
        last_pin_timestamp: expect.any(String),
      },
    });
    expect((await pin(mod, mid)).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    const page = await h.call('GET', `/channels/${cid}/messages?limit=2`, { as: member });
    expect(page.body.messages[1]).toMatchObject({ id: mid, pinned: true });
    expect(await pinned()).toContain(mid);
  });

  it("a pin writes the system line (type 'pin', by the pinner, referring to the message) in history; an unpin writes none; nobody edits it", async () => {
    const ch = await newChannel('lines');
    const mid = await post('important', ch);
    await h.drain();
    expect((await pin(mod, mid, ch)).status).toBe(204);
    const events = await h.drain();
    const created = events.find((e) => e.t === 'MESSAGE_CREATE');
    expect(created).toMatchObject({
      channel_id: ch,
      d: {
        channel_id: ch,
        server_id: sid,
        type: 'pin',
        reference_id: mid,
        content: '',
        author: { id: mod.id, username: expect.any(String) },
        pinned: false,
        reactions: [],
        attachments: [],
      },
    });
    const lineId = (created!.d as { id: string }).id;
    const page = await h.call('GET', `/channels/${ch}/messages?limit=5`, { as: member });
    expect(page.body.messages.map((m: { id: string; type: string }) => [m.id, m.type])).toEqual([
      [lineId, 'pin'],
      [mid, 'default'],
    ]);
    expect(page.body.messages[0]).toEqual(created!.d);
    const channels = await h.call('GET', `/servers/${sid}/channels`, { as: member });
    expect(channels.body.channels.find((c: { id: string }) => c.id === ch).last_message_id).toBe(lineId);

    const search = await h.call('GET', `/servers/${sid}/messages/search?author_id=${mod.id}`, { as: member });
    expect(search.body.messages).toEqual([]);
    const edit = await h.call('PATCH', `/messages/${lineId}`, { as: mod, body: { content: 'hijack' } });
    expect([edit.status, edit.body.error.code]).toEqual([403, 'system_message']);
    expect((await h.call('DELETE', `/messages/${lineId}`, { as: mod })).status).toBe(204);

    await h.drain();
    expect((await unpin(mod, mid, ch)).status).toBe(204);
    expect((await h.drain()).map((e) => e.t)).toEqual(['CHANNEL_PINS_UPDATE']);
  });

  it('GET lists the pinned messages newest pin first, with their reactions; DELETE unpins (idempotent)', async () => {
    const ch = await newChannel('listing');
    const a = await post('a', ch);
    const b = await post('b', ch);
    const c = await post('c', ch);
    for (const m of [b, a, c]) expect((await pin(owner, m, ch)).status).toBe(204);
    expect(
      (
        await h.call('PUT', `/channels/${ch}/messages/${a}/reactions/${encodeURIComponent('👍')}/@me`, {
          as: member,
        })
      ).status,
    ).toBe(204);
    const res = await h.call('GET', `/channels/${ch}/pins`, { as: member });
    expect(res.body.messages.map((m: { id: string }) => m.id)).toEqual([c, a, b]);
    expect(res.body.messages[1]).toMatchObject({
      pinned: true,
      reactions: [{ emoji: '👍', count: 1, me: true }],
    });
    await h.drain();
    expect((await unpin(mod, c, ch)).status).toBe(204);
    const [event] = await h.drain();
    expect(event?.d).toMatchObject({ message_id: c, pinned: false, last_pin_timestamp: expect.any(String) });
    expect((await unpin(mod, c, ch)).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    expect(await pinned(member, ch)).toEqual([a, b]);
    for (const m of [a, b]) expect((await unpin(mod, m, ch)).status).toBe(204);
    const events = await h.drain();
    expect(events.at(-1)?.d).toMatchObject({ pinned: false, last_pin_timestamp: null });
    expect(await pinned(member, ch)).toEqual([]);
  });

  it(`at most ${MAX_PINS} pins per channel: 400 too_many_pins, also under concurrent PUTs`, async () => {
    const ch = await newChannel('full');
    const ids: string[] = [];
    for (let i = 0; i < MAX_PINS + 3; i++) ids.push(await post(`m${i}`, ch));
    for (const m of ids.slice(0, MAX_PINS - 2)) expect((await pin(owner, m, ch)).status).toBe(204);
    const answers = await Promise.all(ids.slice(MAX_PINS - 2).map((m) => pin(owner, m, ch)));
    expect(answers.filter((r) => r.status === 204)).toHaveLength(2);
    for (const r of answers.filter((r) => r.status !== 204))
      expect([r.status, r.body.error.code]).toEqual([400, 'too_many_pins']);
    expect(await pinned(member, ch)).toHaveLength(MAX_PINS);
    // re-pinning a pinned message in a full channel is still a no-op
    expect((await pin(owner, ids[0]!, ch)).status).toBe(204);
    expect((await unpin(owner, ids[0]!, ch)).status).toBe(204);
    expect((await pin(owner, ids.at(-1)!, ch)).status).toBe(204);
  });

  it('403 without MANAGE_MESSAGES or READ_MESSAGE_HISTORY; 404 for unknown channels and messages; 400 for bad ids; 401 without a user', async () => {
    const mid = await post('guarded');
    const elsewhere = await post('elsewhere', other);
    await h.drain();
    for (const method of ['PUT', 'DELETE']) {
      const res = await h.call(method, `/channels/${cid}/pins/${mid}`, { as: member });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect(res.body.error.message).toContain('MANAGE_MESSAGES');
    }
    const res = await h.call('GET', `/channels/${cid}/pins`, { as: blind });
    expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
    for (const [as, channel, message, code] of [
      [mod, '123456789', mid, 'unknown_channel'],
      [stranger, cid, mid, 'unknown_channel'],
      [mod, cid, '123456789', 'unknown_message'],
      [mod, cid, elsewhere, 'unknown_message'],
    ] as const) {
      for (const method of ['PUT', 'DELETE']) {
        const r = await h.call(method, `/channels/${channel}/pins/${message}`, { as });
        expect([method, r.status, r.body.error.code]).toEqual([method, 404, code]);
      }
    }
    for (const [as, channel] of [
      [member, '123456789'],
      [stranger, cid],
    ] as const) {
      const r = await h.call('GET', `/channels/${channel}/pins`, { as });
      expect([r.status, r.body.error.code]).toEqual([404, 'unknown_channel']);
    }
    expect((await h.call('PUT', `/channels/${cid}/pins/abc`, { as: mod })).status).toBe(400);
    expect((await h.call('PUT', `/channels/${cid}/pins/${mid}`, { as: null })).status).toBe(401);
    expect(await h.drain()).toEqual([]);
  });

  it('a pinned message that is deleted leaves the pins', async () => {
    const ch = await newChannel('gone');
    const mid = await post('bye', ch);
    expect((await pin(owner, mid, ch)).status).toBe(204);
    expect((await h.call('DELETE', `/messages/${mid}`, { as: owner })).status).toBe(204);
    expect(await pinned(member, ch)).toEqual([]);
  });
});
