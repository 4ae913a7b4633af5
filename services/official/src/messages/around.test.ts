import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('history around a message on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let cid: string;
  /** oldest first */
  const ids: string[] = [];

  const around = async (mid: string, limit?: number) => {
    const res = await h.call(
      'GET',
      `/channels/${cid}/messages?around=${mid}${limit ? `&limit=${limit}` : ''}`,
      {
        as: owner,
      },
    );
    expect(res.status).toBe(200);
    return {
      ids: res.body.messages.map((m: { id: string }) => m.id) as string[],
      hasMore: res.body.has_more,
    };
  };
  /** ids[from..to] inclusive, newest first */
  const span = (from: number, to: number) => ids.slice(from, to + 1).reverse();

  beforeAll(async () => {
    h = await startHarness(backend, { MESSAGE_RATE_LIMIT: '1000/10s' });
    owner = await h.user('owner');
    const sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'S' } })).body.id;
    cid = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'c' } })).body.id;
    for (let i = 0; i < 20; i++) {
      ids.push(
        (await h.call('POST', `/channels/${cid}/messages`, { as: owner, body: { content: `m${i}` } })).body
          .id,
      );
    }
  });
  afterAll(() => h?.close());

  it('centres the page on the message, newest first, the message included', async () => {
    expect(await around(ids[10]!, 5)).toEqual({ ids: span(8, 12), hasMore: true });
    expect(await around(ids[10]!, 4)).toEqual({ ids: span(9, 12), hasMore: true });
    expect(await around(ids[10]!, 1)).toEqual({ ids: [ids[10]], hasMore: true });
  });

  it('near an end the other side fills the page; has_more is false once nothing lies beyond', async () => {
    expect(await around(ids[19]!, 5)).toEqual({ ids: span(15, 19), hasMore: true });
    expect(await around(ids[0]!, 5)).toEqual({ ids: span(0, 4), hasMore: true });
    expect(await around(ids[10]!, 100)).toEqual({ ids: span(0, 19), hasMore: false });
    expect((await around(ids[10]!)).ids).toHaveLength(20);
  });

  it('a deleted message still anchors the page', async () => {
    const extra = (await h.call('POST', `/channels/${cid}/messages`, { as: owner, body: { content: 'x' } }))
      .body.id;
    await h.call('DELETE', `/messages/${extra}`, { as: owner });
    expect((await around(extra, 3)).ids).toEqual(span(17, 19));
  });

  it('400 when combined with before or after, or not an id', async () => {
    for (const q of [`around=${ids[5]}&before=${ids[9]}`, `around=${ids[5]}&after=${ids[1]}`, 'around=abc']) {
      const res = await h.call('GET', `/channels/${cid}/messages?${q}`, { as: owner });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
      expect(res.body.error.message).toContain('around');
    }
  });
});
