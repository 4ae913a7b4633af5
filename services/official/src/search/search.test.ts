import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions, newId } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('message search on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let sid: string;
  let general: string;
  /** hidden from member */
  let secret: string;
  /** member may view but not read history */
  let noHistory: string;
  const posted: Record<string, string> = {};

  const post = async (as: TestUser, channel: string, content: string, attachment_ids?: string[]) => {
    const res = await h.call('POST', `/channels/${channel}/messages`, {
      as,
      body: { content, ...(attachment_ids ? { attachment_ids } : {}) },
    });
    expect(res.status).toBe(201);
    posted[content] = res.body.id;
    return res.body.id as string;
  };
  const search = (query: string, as = member) =>
    h.call('GET', `/servers/${sid}/messages/search?${query}`, { as });
  const contents = async (query: string, as = member) => {
    const res = await search(query, as);
    expect(res.status).toBe(200);
    return { contents: res.body.messages.map((m: { content: string }) => m.content), total: res.body.total };
  };
  async function asset(user: TestUser, content_type: string) {
    const id = newId();
    await h.database.db
      .insertInto('assets')
      .values({
        id,
        owner_id: user.id,
        filename: `f${id}`,
        content_type,
        size: '10',
        storage_key: `k/${id}`,
        status: 'ready',
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    h = await startHarness(backend, { MESSAGE_RATE_LIMIT: '1000/10s' });
    owner = await h.user('owner');
    member = await h.user('member');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'S' } })).body.id;
    const channel = async (name: string) =>
      (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name } })).body.id as string;
    general = await channel('general');
    secret = await channel('secret');
    noHistory = await channel('no-history');
    const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
    await h.call('POST', `/invites/${inv.body.code}/accept`, { as: member });
    await h.call('PUT', `/channels/${secret}/overwrites/${member.id}`, {
      as: owner,
      body: { type: 'member', deny: String(Permissions.VIEW_CHANNEL) },
    });
    await h.call('PUT', `/channels/${noHistory}/overwrites/${member.id}`, {
      as: owner,
      body: { type: 'member', deny: String(Permissions.READ_MESSAGE_HISTORY) },
    });
    await post(owner, general, 'the deploy went fine');
    await post(member, general, 'Deploy again tomorrow? see https://example.com/plan');
    await post(owner, secret, 'secret deploy codes');
    await post(owner, noHistory, 'deploy notes without history');
    await post(owner, general, 'lunch at noon');
    await post(member, general, 'a file', [await asset(member, 'application/pdf')]);
    await post(member, general, 'a picture', [await asset(member, 'image/png')]);
  });
  afterAll(() => h?.close());

  it('finds words (any case, no stemming needed), newest first, with the total', async () => {
    expect(await contents('q=DEPLOY')).toEqual({
      contents: ['Deploy again tomorrow? see https://example.com/plan', 'the deploy went fine'],
      total: 2,
    });
    expect((await contents('q=%22deploy%20went%22')).contents).toEqual(['the deploy went fine']);
    expect(await contents('q=nothingmatches')).toEqual({ contents: [], total: 0 });
  });

  it('never returns a channel the caller cannot view or read the history of', async () => {
    const mine = await contents('q=deploy');
    expect(mine.contents).not.toContain('secret deploy codes');
    expect(mine.contents).not.toContain('deploy notes without history');
    const owners = await contents('q=deploy', owner);
    expect(owners.total).toBe(4);
    // the same with filters only
    const all = await contents(`author_id=${owner.id}`);
    expect(all.contents).toEqual(['lunch at noon', 'the deploy went fine']);
  });

  it('filters by author, channel, has=file|image|link, before and after', async () => {
    expect((await contents(`q=deploy&author_id=${owner.id}`)).contents).toEqual(['the deploy went fine']);
    expect((await contents(`channel_id=${general}&q=lunch`)).contents).toEqual(['lunch at noon']);
    expect((await contents('has=file')).contents).toEqual(['a picture', 'a file']);
    expect((await contents('has=image')).contents).toEqual(['a picture']);
    expect((await contents('has=link')).contents).toEqual([
      'Deploy again tomorrow? see https://example.com/plan',
    ]);
    expect((await contents(`before=${posted['lunch at noon']}&q=deploy`)).contents).toHaveLength(2);
    expect((await contents(`after=${posted['lunch at noon']}`)).contents).toEqual(['a picture', 'a file']);
    const res = await search('has=image');
    expect(res.body.messages[0].attachments).toHaveLength(1);
  });

  it('pages with limit and offset; total counts every match', async () => {
    const first = await contents(`channel_id=${general}&limit=2`);
    const second = await contents(`channel_id=${general}&limit=2&offset=2`);
    expect(first).toEqual({ contents: ['a picture', 'a file'], total: 5 });
    expect(second.contents).toEqual(['lunch at noon', 'Deploy again tomorrow? see https://example.com/plan']);
    expect((await contents(`channel_id=${general}&offset=5000`)).contents).toEqual([]);
  });

  it('counts matches up to 1,000 and says when there are more', async () => {
    const crowded = (
      await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'crowded' } })
    ).body.id as string;
    // written straight to the table: 1,005 posts through the API would only test the rate limit
    await h.database.db
      .insertInto('messages')
      .values(
        Array.from({ length: 1005 }, (_, i) => ({
          id: newId(),
          channel_id: crowded,
          server_id: sid,
          author_id: owner.id,
          content: `crowd ${i}`,
        })),
      )
      .execute();
    const many = await search(`channel_id=${crowded}`);
    expect([many.body.total, many.body.total_capped, many.body.messages.length]).toEqual([1000, true, 25]);
    const few = await search(`channel_id=${general}`);
    expect([few.body.total, few.body.total_capped]).toEqual([5, false]);
  });

  it('400 without q or a filter, and for bad limits, offsets, has and ids', async () => {
    for (const q of [
      '',
      'q=%20%20',
      'q=x&limit=0',
      'q=x&limit=26',
      'q=x&offset=5001',
      'q=x&offset=-1',
      'has=video',
      'author_id=abc',
      'before=x',
    ]) {
      const res = await search(q);
      expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'invalid_input']);
    }
  });

  it('404 for non-members, unknown servers and channels the caller cannot see; 403 without history', async () => {
    for (const [as, path, code] of [
      [stranger, `/servers/${sid}/messages/search?q=deploy`, 'unknown_server'],
      [member, '/servers/123456789/messages/search?q=deploy', 'unknown_server'],
      [member, `/servers/${sid}/messages/search?q=deploy&channel_id=${secret}`, 'unknown_channel'],
      [member, `/servers/${sid}/messages/search?q=deploy&channel_id=123456789`, 'unknown_channel'],
    ] as const) {
      const res = await h.call('GET', path, { as });
      expect([res.status, res.body.error.code]).toEqual([404, code]);
    }
    const res = await search(`q=deploy&channel_id=${noHistory}`);
    expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
    expect((await h.call('GET', `/servers/${sid}/messages/search?q=x`, { as: null })).status).toBe(401);
  });
});
