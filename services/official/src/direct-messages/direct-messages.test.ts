import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { newId } from '@twopointo/shared';
import { SECRET, startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('direct messages on %s', (backend) => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let loner: TestUser;
  let crowd: TestUser[];
  let sid: string;

  const open = (as: TestUser, recipient_ids: string[], name?: string) =>
    h.call('POST', '/me/channels', { as, body: { recipient_ids, ...(name ? { name } : {}) } });
  const list = async (as: TestUser) => {
    const res = await h.call('GET', '/me/channels', { as });
    expect(res.status).toBe(200);
    return res.body.channels as {
      id: string;
      type: string;
      name: string | null;
      recipients: TestUser[];
      last_message_id: string | null;
    }[];
  };
  const post = (as: TestUser, cid: string, body: Record<string, unknown>) =>
    h.call('POST', `/channels/${cid}/messages`, { as, body });
  const join = async (u: TestUser, server = sid) => {
    const inv = await h.call('POST', `/servers/${server}/invites`, { as: alice });
    expect((await h.call('POST', `/invites/${inv.body.code}/accept`, { as: u })).status).toBe(200);
  };
  const errorCode = (res: { body: { error?: { code: string } } }) => res.body.error?.code;

  beforeAll(async () => {
    h = await startHarness(backend, { RATE_LIMITS: 'off' });
    alice = await h.user('alice');
    bob = await h.user('bob');
    carol = await h.user('carol');
    loner = await h.user('loner');
    crowd = [];
    for (let i = 0; i < 10; i++) crowd.push(await h.user(`crowd${i}`));
    sid = (await h.call('POST', '/servers', { as: alice, body: { name: 'S' } })).body.id;
    for (const u of [bob, carol, ...crowd]) await join(u);
  });
  afterAll(() => h?.close());

  it('opens a 1:1 DM: 201 and DM_CHANNEL_CREATE to both recipients (user-scoped), then 200 with the same DM from either side', async () => {
    await h.drain();
    const made = await open(alice, [bob.id]);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      type: 'dm',
      name: null,
      owner_id: null,
      recipients: [bob],
      last_message_id: null,
    });
    const events = await h.drain();
    expect(events.map((e) => [e.t, e.server_id, e.channel_id])).toEqual([
      ['DM_CHANNEL_CREATE', '', undefined],
      ['DM_CHANNEL_CREATE', '', undefined],
    ]);
    expect(events.map((e) => e.user_id).sort()).toEqual([alice.id, bob.id].sort());
    expect(events.find((e) => e.user_id === bob.id)!.d.recipients).toEqual([alice]);
    const again = await open(alice, [bob.id]);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);
    const reverse = await open(bob, [alice.id]);
    expect(reverse.status).toBe(200);
    expect(reverse.body).toMatchObject({ id: made.body.id, recipients: [alice] });
    expect(await h.drain()).toEqual([]);
  });

  it('two simultaneous opens of the same pair yield one DM (one 201, the rest 200)', async () => {
    const answers = await Promise.all([open(carol, [bob.id]), open(bob, [carol.id]), open(carol, [bob.id])]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    const rows = await h.database.db
      .selectFrom('channels')
      .select('id')
      .where('type', '=', 'dm')
      .where('dm_user_lo', 'in', [bob.id, carol.id])
      .where('dm_user_hi', 'in', [bob.id, carol.id])
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses: self 400 cannot_dm_self, unknown user 404, no shared server 403, 11 people 400, bad ids 400', async () => {
    const self = await open(alice, [alice.id]);
    expect([self.status, errorCode(self)]).toEqual([400, 'cannot_dm_self']);
    const unknown = await open(alice, ['1234567890123']);
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'unknown_user']);
    const stranger = await open(alice, [loner.id]);
    expect([stranger.status, errorCode(stranger)]).toEqual([403, 'no_shared_server']);
    const eleven = await open(
      alice,
      crowd.map((u) => u.id),
    );
    expect([eleven.status, errorCode(eleven)]).toEqual([400, 'too_many_recipients']);
    const empty = await open(alice, []);
    expect([empty.status, errorCode(empty)]).toEqual([400, 'invalid_input']);
    const bad = await open(alice, ['nope']);
    expect([bad.status, errorCode(bad)]).toEqual([400, 'invalid_input']);
    expect((await h.call('POST', '/me/channels', { as: alice, body: {} })).status).toBe(400);
  });

  it('a blocked user cannot open a DM with the blocker (403 blocked), nor add them to a group; existing 1:1 DMs refuse messages across a block', async () => {
    const dm = (await open(alice, [carol.id])).body.id as string;
    expect((await h.call('PUT', `/me/blocks/${carol.id}`, { as: alice })).status).toBe(204);
    // carol is blocked by alice: no new DM, no group with alice in it
    const refused = await open(carol, [alice.id]);
    expect([refused.status, errorCode(refused)]).toEqual([403, 'blocked']);
    const group = await open(carol, [alice.id, bob.id]);
    expect([group.status, errorCode(group)]).toEqual([403, 'blocked']);
    const g = (await open(carol, [bob.id, crowd[0]!.id])).body.id as string;
    const add = await h.call('PUT', `/channels/${g}/recipients/${alice.id}`, { as: carol });
    expect([add.status, errorCode(add)]).toEqual([403, 'blocked']);
    // the old DM stays readable, but no message crosses the block, either way
    const sent = await post(carol, dm, { content: 'hi' });
    expect([sent.status, errorCode(sent)]).toEqual([403, 'blocked']);
    expect(errorCode(await post(alice, dm, { content: 'hi' }))).toBe('blocked');
    expect((await h.call('GET', `/channels/${dm}/messages`, { as: carol })).status).toBe(200);
    expect(errorCode(await h.call('POST', `/channels/${dm}/typing`, { as: carol }))).toBe('blocked');
    expect((await h.call('DELETE', `/me/blocks/${carol.id}`, { as: alice })).status).toBe(204);
    expect((await post(carol, dm, { content: 'hi again' })).status).toBe(201);
  });

  it('messages in a DM: posted, listed, edited, replied to, reacted to, pinned, deleted, acked; events are user-scoped to each recipient', async () => {
    const dm = (await open(alice, [bob.id])).body.id as string;
    await h.drain();
    const first = await post(alice, dm, { content: `hey <@${bob.id}> and <@${carol.id}>` });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ channel_id: dm, server_id: null, mentions: [bob.id] });
    const created = await h.drain();
    expect(created.map((e) => [e.t, e.server_id, e.channel_id])).toEqual([
      ['MESSAGE_CREATE', '', dm],
      ['MESSAGE_CREATE', '', dm],
    ]);
    expect(new Set(created.map((e) => e.user_id))).toEqual(new Set([alice.id, bob.id]));
    // every DM message counts for the other recipient (the unread badge)
    const states = (await h.call('GET', '/me/read-states', { as: bob })).body.read_states as {
      channel_id: string;
      mention_count: number;
    }[];
    expect(states.find((s) => s.channel_id === dm)?.mention_count).toBe(1);

    const reply = await post(bob, dm, { content: 'yo', reply_to_id: first.body.id });
    expect(reply.status).toBe(201);
    const page = await h.call('GET', `/channels/${dm}/messages`, { as: bob });
    expect(page.body.messages.map((m: { id: string }) => m.id)).toEqual([reply.body.id, first.body.id]);

    const edit = await h.call('PATCH', `/messages/${first.body.id}`, {
      as: alice,
      body: { content: 'edited' },
    });
    expect(edit.status).toBe(200);
    const react = await h.call(
      'PUT',
      `/channels/${dm}/messages/${first.body.id}/reactions/${encodeURIComponent('👍')}/@me`,
      { as: bob },
    );
    expect(react.status).toBe(204);
    // anyone in a DM may pin; nobody deletes another's message
    expect((await h.call('PUT', `/channels/${dm}/pins/${first.body.id}`, { as: bob })).status).toBe(204);
    expect((await h.call('GET', `/channels/${dm}/pins`, { as: alice })).body.messages).toHaveLength(1);
    const notMine = await h.call('DELETE', `/messages/${first.body.id}`, { as: bob });
    expect([notMine.status, errorCode(notMine)]).toEqual([403, 'missing_permission']);
    expect(
      (await h.call('POST', `/channels/${dm}/messages/${reply.body.id}/ack`, { as: alice })).status,
    ).toBe(204);
    expect((await h.call('DELETE', `/messages/${reply.body.id}`, { as: bob })).status).toBe(204);
    const events = await h.drain();
    const byType = (t: string) =>
      events
        .filter((e) => e.t === t)
        .map((e) => e.user_id)
        .sort();
    const both = [alice.id, bob.id].sort();
    // the reply and the pin's system line ("bob pinned a message"), each to both recipients
    expect(byType('MESSAGE_CREATE')).toEqual([...both, ...both].sort());
    expect(
      events
        .filter((e) => e.t === 'MESSAGE_CREATE' && e.d.type === 'pin')
        .map((e) => e.user_id)
        .sort(),
    ).toEqual(both);
    for (const t of ['MESSAGE_UPDATE', 'MESSAGE_REACTION_ADD', 'CHANNEL_PINS_UPDATE', 'MESSAGE_DELETE'])
      expect(byType(t)).toEqual(both);
    expect(events.every((e) => e.server_id === '' && e.user_id !== carol.id)).toBe(true);

    // typing: ephemeral, to the other recipient's sockets only
    h.ephemeral.length = 0;
    expect((await h.call('POST', `/channels/${dm}/typing`, { as: alice })).status).toBe(204);
    expect(h.ephemeral).toEqual([
      expect.objectContaining({ t: 'TYPING_START', server_id: '', channel_id: dm, user_ids: [bob.id] }),
    ]);
  });

  it('a stranger gets 404 on every route of a DM; a DM is no server channel (channel routes 404, search skips it)', async () => {
    const dm = (await open(alice, [bob.id])).body.id as string;
    const mid = (await post(alice, dm, { content: 'secret words' })).body.id as string;
    const tries = [
      h.call('GET', `/channels/${dm}/messages`, { as: carol }),
      post(carol, dm, { content: 'x' }),
      h.call('PATCH', `/messages/${mid}`, { as: carol, body: { content: 'x' } }),
      h.call('DELETE', `/messages/${mid}`, { as: carol }),
      h.call('POST', `/channels/${dm}/typing`, { as: carol }),
      h.call('POST', `/channels/${dm}/messages/${mid}/ack`, { as: carol }),
      h.call('GET', `/channels/${dm}/pins`, { as: carol }),
      h.call('PUT', `/channels/${dm}/pins/${mid}`, { as: carol }),
      h.call('PUT', `/channels/${dm}/messages/${mid}/reactions/${encodeURIComponent('👍')}/@me`, {
        as: carol,
      }),
      h.call('PUT', `/channels/${dm}/recipients/${carol.id}`, { as: carol }),
      h.call('PATCH', `/channels/${dm}`, { as: carol, body: { name: 'x' } }),
    ];
    for (const res of await Promise.all(tries)) expect(res.status).toBe(404);
    expect((await h.call('DELETE', `/channels/${dm}`, { as: carol })).status).toBe(404);
    expect(
      (
        await h.call('PUT', `/channels/${dm}/overwrites/${bob.id}`, {
          as: alice,
          body: { type: 'member', allow: '0', deny: '0' },
        })
      ).status,
    ).toBe(404);
    const found = await h.call('GET', `/servers/${sid}/messages/search?q=secret`, { as: alice });
    expect(found.body.messages).toEqual([]);
  });

  it("a DM's attachment downloads for its recipients only (a stranger gets 404)", async () => {
    const dm = (await open(alice, [bob.id])).body.id as string;
    const aid = newId();
    await h.database.db
      .insertInto('assets')
      .values({
        id: aid,
        owner_id: alice.id,
        filename: 'f.png',
        content_type: 'image/png',
        size: '10',
        storage_key: `k/${aid}`,
        status: 'ready',
      })
      .execute();
    const sent = await post(alice, dm, { content: '', attachment_ids: [aid] });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments.map((a: { id: string }) => a.id)).toEqual([aid]);
    // the answer itself, not the storage URL it redirects to
    const download = (as: TestUser) =>
      fetch(`${h.url}/assets/${aid}`, {
        redirect: 'manual',
        headers: { 'x-internal-secret': SECRET, 'x-user-id': as.id },
      });
    expect((await download(bob)).status).toBe(302);
    const refused = await download(carol);
    const stranger = { status: refused.status, body: (await refused.json()) as { error?: { code: string } } };
    expect([stranger.status, errorCode(stranger)]).toEqual([404, 'unknown_asset']);
  });

  it('GET /me/channels lists DMs by latest activity with recipients and last_message_id', async () => {
    const dave = await h.user('dave');
    await join(dave);
    const withBob = (await open(dave, [bob.id])).body.id as string;
    const withCarol = (await open(dave, [carol.id])).body.id as string;
    expect((await list(dave)).map((c) => c.id)).toEqual([withCarol, withBob]);
    const m = (await post(bob, withBob, { content: 'newer' })).body.id as string;
    const listed = await list(dave);
    expect(listed.map((c) => c.id)).toEqual([withBob, withCarol]);
    expect(listed[0]).toMatchObject({ type: 'dm', recipients: [bob], last_message_id: m });
  });

  it('group DMs: created with a name (201 every time), renamed, added to (at most 10), left, and the owner may remove others', async () => {
    const made = await open(alice, [bob.id, carol.id], 'Plans');
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ type: 'group_dm', name: 'Plans', owner_id: alice.id });
    expect(made.body.recipients.map((u: TestUser) => u.id).sort()).toEqual([bob.id, carol.id].sort());
    expect((await open(alice, [bob.id, carol.id])).status).toBe(201);
    const g = made.body.id as string;
    await h.drain();

    const renamed = await h.call('PATCH', `/channels/${g}`, { as: bob, body: { name: 'Trip' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: g, name: 'Trip' });
    expect((await h.drain()).map((e) => [e.t, e.user_id]).sort()).toEqual(
      [alice.id, bob.id, carol.id].sort().map((u) => ['DM_CHANNEL_UPDATE', u]),
    );
    const topic = await h.call('PATCH', `/channels/${g}`, { as: bob, body: { topic: 'x' } });
    expect([topic.status, errorCode(topic)]).toEqual([400, 'invalid_input']);
    const oneToOne = (await open(alice, [bob.id])).body.id as string;
    const notGroup = await h.call('PATCH', `/channels/${oneToOne}`, { as: alice, body: { name: 'x' } });
    expect([notGroup.status, errorCode(notGroup)]).toEqual([400, 'not_group_dm']);
    expect(
      errorCode(await h.call('PUT', `/channels/${oneToOne}/recipients/${carol.id}`, { as: alice })),
    ).toBe('not_group_dm');

    // add: the added one gets DM_CHANNEL_CREATE, the others CHANNEL_RECIPIENT_ADD; again is a no-op
    expect((await h.call('PUT', `/channels/${g}/recipients/${crowd[0]!.id}`, { as: carol })).status).toBe(
      204,
    );
    const added = await h.drain();
    expect(added.find((e) => e.user_id === crowd[0]!.id)).toMatchObject({
      t: 'DM_CHANNEL_CREATE',
      d: { id: g, name: 'Trip' },
    });
    expect(
      added
        .filter((e) => e.t === 'CHANNEL_RECIPIENT_ADD')
        .map((e) => e.user_id)
        .sort(),
    ).toEqual([alice.id, bob.id, carol.id].sort());
    expect((await h.call('PUT', `/channels/${g}/recipients/${crowd[0]!.id}`, { as: carol })).status).toBe(
      204,
    );
    expect(await h.drain()).toEqual([]);
    expect(errorCode(await h.call('PUT', `/channels/${g}/recipients/${loner.id}`, { as: carol }))).toBe(
      'no_shared_server',
    );
    expect(errorCode(await h.call('PUT', `/channels/${g}/recipients/1234567890123`, { as: carol }))).toBe(
      'unknown_user',
    );
    // 4 people now: 6 more fill it, the 11th is refused
    for (const u of crowd.slice(1, 7))
      expect((await h.call('PUT', `/channels/${g}/recipients/${u.id}`, { as: alice })).status).toBe(204);
    const full = await h.call('PUT', `/channels/${g}/recipients/${crowd[7]!.id}`, { as: alice });
    expect([full.status, errorCode(full)]).toEqual([400, 'too_many_recipients']);

    // remove: only the owner removes others; anyone leaves
    const notOwner = await h.call('DELETE', `/channels/${g}/recipients/${crowd[1]!.id}`, { as: bob });
    expect([notOwner.status, errorCode(notOwner)]).toEqual([403, 'not_dm_owner']);
    await h.drain();
    expect((await h.call('DELETE', `/channels/${g}/recipients/${crowd[1]!.id}`, { as: alice })).status).toBe(
      204,
    );
    const removed = await h.drain();
    expect(removed.every((e) => e.t === 'CHANNEL_RECIPIENT_REMOVE' && e.d.user.id === crowd[1]!.id)).toBe(
      true,
    );
    expect(removed.map((e) => e.user_id)).toContain(crowd[1]!.id);
    expect((await h.call('GET', `/channels/${g}/messages`, { as: crowd[1]! })).status).toBe(404);
    expect((await h.call('DELETE', `/channels/${g}/recipients/${bob.id}`, { as: bob })).status).toBe(204);
    expect((await list(bob)).map((c) => c.id)).not.toContain(g);
    // the owner leaves: the DM goes to the one who joined first
    expect((await h.call('DELETE', `/channels/${g}/recipients/${alice.id}`, { as: alice })).status).toBe(204);
    const after = (await list(carol)).find((c) => c.id === g) as unknown as { owner_id: string };
    expect(after.owner_id).toBe(carol.id);
  });

  it('closing a 1:1 DM hides it from the closer only, keeps its history, and a new message or opening it again brings it back', async () => {
    const erin = await h.user('erin');
    await join(erin);
    const dm = (await open(erin, [bob.id])).body.id as string;
    const first = (await post(erin, dm, { content: 'before closing' })).body.id as string;
    await h.drain();
    expect((await h.call('DELETE', `/channels/${dm}`, { as: erin })).status).toBe(204);
    // to erin's sockets only
    expect((await h.drain()).map((e) => [e.t, e.user_id, e.d])).toEqual([
      ['DM_CHANNEL_DELETE', erin.id, { id: dm }],
    ]);
    expect((await list(erin)).map((c) => c.id)).not.toContain(dm);
    expect((await list(bob)).map((c) => c.id)).toContain(dm);
    const history = await h.call('GET', `/channels/${dm}/messages`, { as: erin });
    expect(history.body.messages.map((m: { id: string }) => m.id)).toEqual([first]);
    // closing again changes nothing
    expect((await h.call('DELETE', `/channels/${dm}`, { as: erin })).status).toBe(204);
    await h.drain();

    // bob writes: listed for erin again, at the top
    const reply = (await post(bob, dm, { content: 'still there?' })).body.id as string;
    expect((await list(erin))[0]).toMatchObject({ id: dm, last_message_id: reply });

    // closed again, then opened again by erin: 200 with the same DM, DM_CHANNEL_CREATE to erin only
    expect((await h.call('DELETE', `/channels/${dm}`, { as: erin })).status).toBe(204);
    await h.drain();
    const reopened = await open(erin, [bob.id]);
    expect([reopened.status, reopened.body.id]).toEqual([200, dm]);
    expect((await h.drain()).map((e) => [e.t, e.user_id, e.d.id])).toEqual([
      ['DM_CHANNEL_CREATE', erin.id, dm],
    ]);
    expect((await list(erin)).map((c) => c.id)).toContain(dm);
    // opening a DM that is not closed tells no one
    expect((await open(erin, [bob.id])).status).toBe(200);
    expect(await h.drain()).toEqual([]);
  });

  it('DELETE /channels/:cid: 404 on a DM the caller is not in; leaves a group DM; a server channel keeps needing MANAGE_CHANNELS', async () => {
    const dm = (await open(alice, [bob.id])).body.id as string;
    const stranger = await h.call('DELETE', `/channels/${dm}`, { as: carol });
    expect([stranger.status, errorCode(stranger)]).toEqual([404, 'unknown_channel']);
    const unknown = await h.call('DELETE', '/channels/1234567890123', { as: carol });
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'unknown_channel']);
    expect((await list(alice)).map((c) => c.id)).toContain(dm);

    const g = (await open(alice, [bob.id, carol.id])).body.id as string;
    await h.drain();
    expect((await h.call('DELETE', `/channels/${g}`, { as: carol })).status).toBe(204);
    const left = await h.drain();
    expect(left.every((e) => e.t === 'CHANNEL_RECIPIENT_REMOVE' && e.d.user.id === carol.id)).toBe(true);
    expect(left.map((e) => e.user_id).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    expect((await h.call('GET', `/channels/${g}/messages`, { as: carol })).status).toBe(404);
    expect((await list(bob)).map((c) => c.id)).toContain(g);

    const ch = (await h.call('POST', `/servers/${sid}/channels`, { as: alice, body: { name: 'doomed' } }))
      .body.id as string;
    const denied = await h.call('DELETE', `/channels/${ch}`, { as: bob });
    expect([denied.status, errorCode(denied)]).toEqual([403, 'missing_permission']);
    await h.drain();
    expect((await h.call('DELETE', `/channels/${ch}`, { as: alice })).status).toBe(204);
    expect((await h.drain()).map((e) => [e.t, e.server_id])).toContainEqual(['CHANNEL_DELETE', sid]);
    expect((await h.call('GET', `/channels/${ch}/messages`, { as: alice })).status).toBe(404);
  });
});
