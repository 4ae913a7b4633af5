import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';
import { isEmoji } from './emoji.ts';

const THUMBS = '👍';
const HEART = '❤️';
const enc = encodeURIComponent;

describe('isEmoji', () => {
  it('takes pictographs, sequences, flags and keycaps; refuses text', () => {
    for (const ok of ['👍', '❤️', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '1️⃣', '#️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '©️'])
      expect([ok, isEmoji(ok)]).toEqual([ok, true]);
    for (const bad of [
      '',
      'a',
      '1',
      'abc',
      ':smile:',
      '👍a',
      '👍 ',
      ' 👍',
      '\u200D',
      '\uFE0F',
      '<b>',
      '👍'.repeat(9),
    ])
      expect([bad, isEmoji(bad)]).toEqual([bad, false]);
  });
});

describe.each(TEST_BACKENDS)('reactions on %s', (backend) => {
  /** READ_CACHE=on; `plain` answers from the same database without the cache */
  let h: Harness;
  let plain: Harness;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let stranger: TestUser;
  let sid: string;
  let cid: string;
  let other: string;

  const post = async (content: string, channel = cid, as = owner) => {
    const res = await h.call('POST', `/channels/${channel}/messages`, { as, body: { content } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const path = (mid: string, emoji: string, channel = cid) =>
    `/channels/${channel}/messages/${mid}/reactions/${enc(emoji)}/@me`;
  const react = (as: TestUser, mid: string, emoji = THUMBS, channel = cid) =>
    h.call('PUT', path(mid, emoji, channel), { as });
  const unreact = (as: TestUser, mid: string, emoji = THUMBS, channel = cid) =>
    h.call('DELETE', path(mid, emoji, channel), { as });
  /** the newest page as `as` sees it, cached and not: both must agree */
  const page = async (as: TestUser, query = '') => {
    const a = await h.call('GET', `/channels/${cid}/messages${query}`, { as });
    const b = await plain.call('GET', `/channels/${cid}/messages${query}`, { as });
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    return a.body.messages as { id: string; reactions: { emoji: string; count: number; me: boolean }[] }[];
  };
  const reactionsOf = async (as: TestUser, mid: string, query = '') =>
    (await page(as, query)).find((m) => m.id === mid)?.reactions;
  const hits = async (kind: string) => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    const m = text.match(new RegExp(`official_read_cache_lookups\\{kind="${kind}",result="hit"\\} (\\d+)`));
    return Number(m?.[1] ?? 0);
  };

  beforeAll(async () => {
    h = await startHarness(backend, { READ_CACHE: 'on', RATE_LIMITS: 'off' });
    plain = await startHarness(backend, { READ_CACHE: 'off', RATE_LIMITS: 'off' }, h.database);
    owner = await h.user('owner');
    alice = await h.user('alice');
    bob = await h.user('bob');
    carol = await h.user('carol');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'S' } })).body.id;
    cid = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'general' } })).body
      .id;
    other = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'other' } })).body
      .id;
    for (const u of [alice, bob, carol]) {
      const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
      expect((await h.call('POST', `/invites/${inv.body.code}/accept`, { as: u })).status).toBe(200);
    }
    // bob may not add new emoji; carol may not read the history
    await h.call('PUT', `/channels/${cid}/overwrites/${bob.id}`, {
      as: owner,
      body: { type: 'member', deny: String(Permissions.ADD_REACTIONS) },
    });
    await h.call('PUT', `/channels/${cid}/overwrites/${carol.id}`, {
      as: owner,
      body: { type: 'member', deny: String(Permissions.READ_MESSAGE_HISTORY) },
    });
  });
  afterAll(async () => {
    await plain?.close();
    await h?.close();
  });

  it('PUT is 204 and emits MESSAGE_REACTION_ADD to the channel; again it is 204 and emits nothing', async () => {
    const mid = await post('react to me');
    await h.drain();
    expect((await react(alice, mid)).status).toBe(204);
    const d = { message_id: mid, channel_id: cid, server_id: sid, user_id: alice.id, emoji: THUMBS };
    expect(await h.drain()).toEqual([{ t: 'MESSAGE_REACTION_ADD', server_id: sid, channel_id: cid, d }]);
    expect((await react(alice, mid)).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    expect(await reactionsOf(alice, mid)).toEqual([{ emoji: THUMBS, count: 1, me: true }]);
  });

  it('DELETE is 204 and emits MESSAGE_REACTION_REMOVE; again (or never reacted) it is 204 and emits nothing', async () => {
    const mid = await post('unreact');
    expect((await react(alice, mid)).status).toBe(204);
    await h.drain();
    expect((await unreact(alice, mid)).status).toBe(204);
    const d = { message_id: mid, channel_id: cid, server_id: sid, user_id: alice.id, emoji: THUMBS };
    expect(await h.drain()).toEqual([{ t: 'MESSAGE_REACTION_REMOVE', server_id: sid, channel_id: cid, d }]);
    expect((await unreact(alice, mid)).status).toBe(204);
    expect((await unreact(owner, mid, HEART)).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    expect(await reactionsOf(alice, mid)).toEqual([]);
  });

  it('concurrent PUTs of one user and emoji count once and emit once; different users each count', async () => {
    const mid = await post('race');
    await h.drain();
    const answers = await Promise.all(Array.from({ length: 12 }, () => react(alice, mid)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(204));
    expect((await h.drain()).map((e) => e.t)).toEqual(['MESSAGE_REACTION_ADD']);
    await Promise.all([owner, alice, bob].map((u) => react(u, mid)));
    expect(await reactionsOf(owner, mid)).toEqual([{ emoji: THUMBS, count: 3, me: true }]);
    const rows = await h.database.db
      .selectFrom('message_reactions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('message_id', '=', mid)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(3);
  });

  it('the counts kept with the message follow every change: concurrent adds and removes of several emoji, and a removed account', async () => {
    const mid = await post('counted');
    const PARTY = '🎉';
    const dave = await h.user('dave');
    const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
    expect((await h.call('POST', `/invites/${inv.body.code}/accept`, { as: dave })).status).toBe(200);
    const put = (u: TestUser, e: string) =>
      h.call('PUT', `/channels/${cid}/messages/${mid}/reactions/${encodeURIComponent(e)}/@me`, { as: u });
    expect((await put(owner, THUMBS)).status).toBe(204);
    expect((await put(owner, PARTY)).status).toBe(204);
    const adds = await Promise.all(
      [alice, dave].flatMap((u) => [put(u, THUMBS), put(u, PARTY), put(u, THUMBS)]),
    );
    expect(adds.every((r) => r.status === 204)).toBe(true);
    const counts = async () =>
      (
        (await plain.call('GET', `/channels/${cid}/messages`, { as: owner })).body.messages as {
          id: string;
          reactions: { emoji: string; count: number; me: boolean }[];
        }[]
      ).find((m) => m.id === mid)!.reactions;
    expect(await counts()).toEqual([
      { emoji: THUMBS, count: 3, me: true },
      { emoji: PARTY, count: 3, me: true },
    ]);
    const removes = await Promise.all(
      [owner, alice].map((u) =>
        h.call('DELETE', `/channels/${cid}/messages/${mid}/reactions/${encodeURIComponent(PARTY)}/@me`, {
          as: u,
        }),
      ),
    );
    expect(removes.map((r) => r.status)).toEqual([204, 204]);
    expect(await counts()).toEqual([
      { emoji: THUMBS, count: 3, me: true },
      { emoji: PARTY, count: 1, me: false },
    ]);
    // an account removal takes its reactions by cascade: the counts follow
    await h.database.db.deleteFrom('users').where('id', '=', dave.id).execute();
    expect(await counts()).toEqual([{ emoji: THUMBS, count: 2, me: true }]);
  });

  it('ADD_REACTIONS is needed for an emoji not yet on the message, not to add oneself to one', async () => {
    const mid = await post('perm');
    const res = await react(bob, mid);
    expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
    expect(res.body.error.message).toContain('ADD_REACTIONS');
    expect(await reactionsOf(owner, mid)).toEqual([]);
    expect((await react(alice, mid)).status).toBe(204);
    expect((await react(bob, mid)).status).toBe(204);
    expect((await react(bob, mid)).status).toBe(204);
    expect(await reactionsOf(bob, mid)).toEqual([{ emoji: THUMBS, count: 2, me: true }]);
    // and bob may always take his own away
    expect((await unreact(bob, mid)).status).toBe(204);
  });

  it('404 for unknown, hidden or foreign channels and messages elsewhere; 403 without READ_MESSAGE_HISTORY; 400 for bad emoji and ids; 401 without a user', async () => {
    const mid = await post('target');
    const elsewhere = await post('elsewhere', other);
    await h.drain();
    for (const [as, channel, message, code] of [
      [alice, '123456789', mid, 'unknown_channel'],
      [stranger, cid, mid, 'unknown_channel'],
      [alice, cid, '123456789', 'unknown_message'],
      [alice, cid, elsewhere, 'unknown_message'],
    ] as const) {
      for (const method of ['PUT', 'DELETE', 'GET']) {
        const url =
          method === 'GET'
            ? `/channels/${channel}/messages/${message}/reactions/${enc(THUMBS)}`
            : path(message, THUMBS, channel);
        const res = await h.call(method, url, { as });
        expect([method, res.status, res.body.error.code]).toEqual([method, 404, code]);
      }
    }
    for (const method of ['PUT', 'DELETE']) {
      const res = await h.call(method, path(mid, THUMBS), { as: carol });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
    }
    for (const bad of ['a', 'abc', '1', ':+1:', '👍x', '%F0%9F', '👍'.repeat(9)]) {
      const res = await h.call(
        'PUT',
        `/channels/${cid}/messages/${mid}/reactions/${bad === '%F0%9F' ? bad : enc(bad)}/@me`,
        {
          as: alice,
        },
      );
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    const res = await h.call('PUT', `/channels/${cid}/messages/${mid}/reactions/abc/@me`, { as: alice });
    expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    expect(res.body.error.message).toContain('params.emoji');
    expect(
      (await h.call('PUT', `/channels/${cid}/messages/x/reactions/${enc(THUMBS)}/@me`, { as: alice })).status,
    ).toBe(400);
    expect((await h.call('PUT', path(mid, THUMBS), { as: null })).status).toBe(401);
    expect(await h.drain()).toEqual([]);
  });

  it('keycaps, flags and ZWJ sequences are accepted as they are', async () => {
    const mid = await post('sequences');
    for (const e of ['1️⃣', '🇫🇷', '👨‍👩‍👧', '👍🏽']) expect((await react(alice, mid, e)).status).toBe(204);
    expect((await reactionsOf(bob, mid))?.map((r) => r.emoji)).toEqual(['1️⃣', '🇫🇷', '👨‍👩‍👧', '👍🏽']);
  });

  it('GET lists who reacted, by user id, paged with limit and after; an emoji nobody used lists none', async () => {
    const mid = await post('who');
    for (const u of [owner, alice, bob]) expect((await react(u, mid)).status).toBe(204);
    const sorted = [owner, alice, bob]
      .map((u) => ({ id: u.id, username: u.username }))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    const list = (q: string) =>
      h.call('GET', `/channels/${cid}/messages/${mid}/reactions/${enc(THUMBS)}${q}`, { as: alice });
    expect((await list('')).body).toEqual({ users: sorted });
    expect((await list('?limit=2')).body).toEqual({ users: sorted.slice(0, 2) });
    expect((await list(`?limit=2&after=${sorted[1]!.id}`)).body).toEqual({ users: sorted.slice(2) });
    expect(
      (await h.call('GET', `/channels/${cid}/messages/${mid}/reactions/${enc(HEART)}`, { as: alice })).body,
    ).toEqual({ users: [] });
    expect((await list('?limit=0')).status).toBe(400);
    expect((await list('?limit=101')).status).toBe(400);
    const res = await h.call('GET', `/channels/${cid}/messages/${mid}/reactions/${enc(THUMBS)}`, {
      as: carol,
    });
    expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
  });

  it('every page carries reactions with `me` per viewer, also when the newest page comes from the cache', async () => {
    const a = await post('a');
    const b = await post('b');
    const c = await post('c');
    expect((await react(alice, a)).status).toBe(204);
    expect((await react(alice, a, HEART)).status).toBe(204);
    expect((await react(owner, a, HEART)).status).toBe(204);
    expect((await react(owner, b)).status).toBe(204);
    const expected = (me: { [k: string]: boolean }) => ({
      [a]: [
        { emoji: THUMBS, count: 1, me: me.aThumbs ?? false },
        { emoji: HEART, count: 2, me: me.aHeart ?? false },
      ],
      [b]: [{ emoji: THUMBS, count: 1, me: me.bThumbs ?? false }],
      [c]: [],
    });
    const seen = async (as: TestUser, query = '') =>
      Object.fromEntries(
        (await page(as, query)).filter((m) => [a, b, c].includes(m.id)).map((m) => [m.id, m.reactions]),
      );
    const before = await hits('newest_page');
    for (let round = 0; round < 2; round++) {
      expect(await seen(alice)).toEqual(expected({ aThumbs: true, aHeart: true }));
      expect(await seen(owner)).toEqual(expected({ aHeart: true, bThumbs: true }));
      expect(await seen(bob)).toEqual(expected({}));
    }
    // served from the cache after the first read, and right for each viewer
    expect(await hits('newest_page')).toBeGreaterThanOrEqual(before + 5);
    // a change shows at once, for everyone
    expect((await react(bob, b)).status).toBe(204);
    expect((await seen(bob))[b]).toEqual([{ emoji: THUMBS, count: 2, me: true }]);
    expect((await seen(alice))[b]).toEqual([{ emoji: THUMBS, count: 2, me: false }]);
    expect((await unreact(bob, b)).status).toBe(204);
    expect((await seen(bob))[b]).toEqual([{ emoji: THUMBS, count: 1, me: false }]);
    // pages read from the database: before/after/around, any limit
    expect(await seen(alice, `?before=${String(BigInt(c) + 1n)}`)).toEqual(
      expected({ aThumbs: true, aHeart: true }),
    );
    expect(await seen(alice, `?around=${b}&limit=3`)).toEqual(expected({ aThumbs: true, aHeart: true }));
    expect(await seen(owner, '?limit=3')).toEqual(expected({ aHeart: true, bThumbs: true }));
  });

  it('search answers and edits carry reactions; the edit event has `me` false', async () => {
    const mid = await post('findable reactions');
    expect((await react(alice, mid)).status).toBe(204);
    const found = await h.call('GET', `/servers/${sid}/messages/search?q=findable`, { as: alice });
    expect(found.body.messages[0].reactions).toEqual([{ emoji: THUMBS, count: 1, me: true }]);
    expect((await react(owner, mid)).status).toBe(204);
    await h.drain();
    const edited = await h.call('PATCH', `/messages/${mid}`, { as: owner, body: { content: 'edited' } });
    expect(edited.body.reactions).toEqual([{ emoji: THUMBS, count: 2, me: true }]);
    const [event] = await h.drain();
    expect(event?.d.reactions).toEqual([{ emoji: THUMBS, count: 2, me: false }]);
  });

  it("a message's reactions go with it; a new message has none and is not pinned", async () => {
    const mid = await post('doomed');
    expect((await react(alice, mid)).status).toBe(204);
    expect((await h.call('DELETE', `/messages/${mid}`, { as: owner })).status).toBe(204);
    const left = await h.database.db
      .selectFrom('message_reactions')
      .select('user_id')
      .where('message_id', '=', mid)
      .execute();
    expect(left).toEqual([]);
    const res = await h.call('POST', `/channels/${cid}/messages`, { as: owner, body: { content: 'new' } });
    expect(res.body).toMatchObject({ reactions: [], pinned: false });
    expect((await react(alice, mid)).body.error.code).toBe('unknown_message');
  });
});
