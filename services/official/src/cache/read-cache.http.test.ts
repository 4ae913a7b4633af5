/**
 * The read cache through HTTP: an Official with READ_CACHE=on answers exactly what one without
 * it answers (both over the same database), right after every kind of change, and really serves
 * repeated reads from the cache (its /metrics counts hits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions as P } from '@twopointo/shared';
import { enqueueUserDepartureEvents } from '../members/departure.ts';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('read cache over HTTP on %s', (backend) => {
  let cached: Harness;
  let plain: Harness;
  let owner: TestUser;
  let member: TestUser;
  let sid: string;
  let cid: string;

  /** the same request to both instances; their answers must agree */
  const both = async (method: string, path: string, as: TestUser) => {
    const a = await cached.call(method, path, { as });
    const b = await plain.call(method, path, { as });
    expect({ status: a.status, body: a.body }).toEqual({ status: b.status, body: b.body });
    return a;
  };
  const history = (query = '', as = member) => both('GET', `/channels/${cid}/messages${query}`, as);
  const post = async (content: string, as = owner) => {
    const res = await cached.call('POST', `/channels/${cid}/messages`, { as, body: { content } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const hits = async (kind: string) => {
    const text = await (await fetch(`${cached.url}/metrics`)).text();
    const m = text.match(new RegExp(`official_read_cache_lookups\\{kind="${kind}",result="hit"\\} (\\d+)`));
    return Number(m?.[1] ?? 0);
  };

  beforeAll(async () => {
    cached = await startHarness(backend, { READ_CACHE: 'on', RATE_LIMITS: 'off' });
    plain = await startHarness(backend, { READ_CACHE: 'off', RATE_LIMITS: 'off' }, cached.database);
    owner = await cached.user('owner');
    member = await cached.user('member');
    sid = (await cached.call('POST', '/servers', { as: owner, body: { name: 'Cache' } })).body.id;
    cid = (await cached.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'c' } })).body.id;
    const code = (await cached.call('POST', `/servers/${sid}/invites`, { as: owner })).body.code;
    expect((await cached.call('POST', `/invites/${code}/accept`, { as: member })).status).toBe(200);
  });
  afterAll(async () => {
    await plain?.close();
    await cached?.close();
  });

  it('repeated newest pages come from the cache, sliced to any limit with the right has_more', async () => {
    for (let i = 0; i < 105; i++) await post(`m${i}`);
    const before = await hits('newest_page');
    for (const limit of [1, 50, 99, 100]) {
      const res = await history(`?limit=${limit}`);
      expect(res.body.messages).toHaveLength(limit);
      expect(res.body.has_more).toBe(true);
    }
    expect((await history()).body.messages).toHaveLength(50);
    expect(await hits('newest_page')).toBeGreaterThanOrEqual(before + 4);
    // pages with before/after are read from the database, and agree
    const newest = (await history('?limit=100')).body.messages as { id: string }[];
    await history(`?before=${newest[99]!.id}&limit=10`);
    await history(`?after=${newest[10]!.id}&limit=5`);
  });

  it('a post, an edit and a delete show at once', async () => {
    await history();
    const id = await post('fresh');
    expect((await history('?limit=1')).body.messages[0].content).toBe('fresh');
    expect(
      (await cached.call('PATCH', `/messages/${id}`, { as: owner, body: { content: 'edited' } })).status,
    ).toBe(200);
    expect((await history('?limit=1')).body.messages[0].content).toBe('edited');
    expect((await cached.call('DELETE', `/messages/${id}`, { as: owner })).status).toBe(204);
    expect((await history('?limit=1')).body.messages[0].id).not.toBe(id);
  });

  it('has_more turns false once the channel holds no more than the page', async () => {
    const small = (await cached.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 's' } }))
      .body.id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await cached.call('POST', `/channels/${small}/messages`, { as: owner, body: { content: `${i}` } }))
          .body.id,
      );
    const page = (limit: number) => both('GET', `/channels/${small}/messages?limit=${limit}`, member);
    expect((await page(2)).body.has_more).toBe(true);
    expect((await page(3)).body.has_more).toBe(false);
    await cached.call('DELETE', `/messages/${ids[0]}`, { as: owner });
    expect((await page(2)).body.has_more).toBe(false);
  });

  it('permission changes apply to the very next request', async () => {
    expect((await history('?limit=1')).status).toBe(200);
    // @everyone loses READ_MESSAGE_HISTORY in the channel → 403
    const deny = await cached.call('PUT', `/channels/${cid}/overwrites/${sid}`, {
      as: owner,
      body: { type: 'role', allow: '0', deny: P.READ_MESSAGE_HISTORY.toString() },
    });
    expect(deny.status).toBe(200);
    expect((await history('?limit=1')).status).toBe(403);
    // a role granting it back → 200 (the overwrite for the role wins over @everyone's)
    const role = await cached.call('POST', `/servers/${sid}/roles`, {
      as: owner,
      body: { name: 'readers', permissions: '0' },
    });
    await cached.call('PUT', `/channels/${cid}/overwrites/${role.body.id}`, {
      as: owner,
      body: { type: 'role', allow: P.READ_MESSAGE_HISTORY.toString(), deny: '0' },
    });
    expect((await history('?limit=1')).status).toBe(403);
    await cached.call('PUT', `/servers/${sid}/members/${member.id}/roles/${role.body.id}`, { as: owner });
    expect((await history('?limit=1')).status).toBe(200);
    await cached.call('DELETE', `/servers/${sid}/members/${member.id}/roles/${role.body.id}`, { as: owner });
    expect((await history('?limit=1')).status).toBe(403);
    await cached.call('DELETE', `/channels/${cid}/overwrites/${sid}`, { as: owner });
    expect((await history('?limit=1')).status).toBe(200);
    // hiding the channel → 404
    await cached.call('PUT', `/channels/${cid}/overwrites/${member.id}`, {
      as: owner,
      body: { type: 'member', allow: '0', deny: P.VIEW_CHANNEL.toString() },
    });
    expect((await history('?limit=1')).status).toBe(404);
    await cached.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: owner });
    expect((await history('?limit=1')).status).toBe(200);
  });

  it('a rename of the channel shows at once, and a kick is a 404 on the next request', async () => {
    await cached.call('PATCH', `/channels/${cid}`, { as: owner, body: { name: 'renamed' } });
    const typing = await cached.call('POST', `/channels/${cid}/typing`, { as: member });
    expect(typing.status).toBe(204);
    const kicked = await cached.user('kicked');
    const code = (await cached.call('POST', `/servers/${sid}/invites`, { as: owner })).body.code;
    await cached.call('POST', `/invites/${code}/accept`, { as: kicked });
    expect((await history('?limit=1', kicked)).status).toBe(200);
    expect((await cached.call('DELETE', `/servers/${sid}/members/${kicked.id}`, { as: owner })).status).toBe(
      204,
    );
    expect((await history('?limit=1', kicked)).status).toBe(404);
    expect(
      (await cached.call('POST', `/channels/${cid}/messages`, { as: kicked, body: { content: 'x' } })).status,
    ).toBe(404);
  });

  it('a change committed by another process is seen once its event arrives on the bus', async () => {
    const gone = await cached.user('gone');
    const code = (await cached.call('POST', `/servers/${sid}/invites`, { as: owner })).body.code;
    await cached.call('POST', `/invites/${code}/accept`, { as: gone });
    await post('from gone', gone);
    expect((await history('?limit=1', gone)).status).toBe(200);
    expect((await history('?limit=1')).body.messages[0].content).toBe('from gone');
    // as Identity deletes an account: outside this Official, events in the same transaction
    await cached.database.db.transaction().execute(async (trx) => {
      await enqueueUserDepartureEvents(trx, gone.id);
      await trx.deleteFrom('users').where('id', '=', gone.id).execute();
    });
    await cached.drain();
    expect((await cached.call('GET', `/channels/${cid}/messages?limit=1`, { as: gone })).status).toBe(401);
    // the author's messages went with the account (cascade): the page shows that too
    expect((await history('?limit=1')).body.messages[0].content).not.toBe('from gone');
  });

  it('the server going away is a 404 at once', async () => {
    expect((await cached.call('DELETE', `/servers/${sid}`, { as: owner })).status).toBe(204);
    expect((await history('?limit=1')).status).toBe(404);
    expect((await history('?limit=1', owner)).status).toBe(404);
  });
});
