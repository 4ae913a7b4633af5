import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('channel kinds (text, voice, category) on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let sid: string;
  let otherSid: string;

  const create = (body: Record<string, unknown>, server = sid) =>
    h.call('POST', `/servers/${server}/channels`, { as: owner, body });
  const created = async (body: Record<string, unknown>, server = sid) => {
    const res = await create(body, server);
    expect(res.status).toBe(201);
    return res.body as { id: string; type: string; parent_id: string | null };
  };

  beforeAll(async () => {
    h = await startHarness(backend, { RATE_LIMITS: 'off' });
    owner = await h.user('owner');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'Kinds' } })).body.id;
    otherSid = (await h.call('POST', '/servers', { as: owner, body: { name: 'Other' } })).body.id;
  });
  afterAll(() => h?.close());

  it('a channel is text unless told; voice carries user_limit and bitrate with defaults', async () => {
    const text = await created({ name: 'chat' });
    expect(text).toMatchObject({ type: 'text', parent_id: null });
    expect(text).not.toHaveProperty('user_limit');
    const voice = await created({ name: 'Lounge', type: 'voice' });
    expect(voice).toMatchObject({ type: 'voice', name: 'lounge', user_limit: 0, bitrate: 64000 });
    const small = await created({ name: 'duo', type: 'voice', user_limit: 2, bitrate: 32000 });
    expect(small).toMatchObject({ user_limit: 2, bitrate: 32000 });
    const listed = (await h.call('GET', `/servers/${sid}/channels`, { as: owner })).body.channels;
    expect(listed.find((c: { id: string }) => c.id === small.id)).toMatchObject({ user_limit: 2 });
  });

  it('channels sit under a category of the same server; categories do not nest', async () => {
    const cat = await created({ name: 'Text Channels', type: 'category' });
    const child = await created({ name: 'inside', parent_id: cat.id });
    expect(child.parent_id).toBe(cat.id);
    const text = await created({ name: 'plain' });
    const foreignCat = await created({ name: 'theirs', type: 'category' }, otherSid);

    for (const [body, message] of [
      [{ name: 'x', parent_id: text.id }, 'body.parent_id: must be a category of this server'],
      [{ name: 'x', parent_id: foreignCat.id }, 'body.parent_id: must be a category of this server'],
      [{ name: 'x', parent_id: '123' }, 'body.parent_id: must be a category of this server'],
      [
        { name: 'x', type: 'category', parent_id: cat.id },
        'body.parent_id: a category cannot sit in a category',
      ],
    ] as const) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toEqual({ code: 'invalid_input', message });
    }

    let res = await h.call('PATCH', `/channels/${text.id}`, { as: owner, body: { parent_id: cat.id } });
    expect(res.status).toBe(200);
    expect(res.body.parent_id).toBe(cat.id);
    res = await h.call('PATCH', `/channels/${text.id}`, { as: owner, body: { parent_id: null } });
    expect(res.body.parent_id).toBeNull();
    res = await h.call('PATCH', `/channels/${cat.id}`, { as: owner, body: { parent_id: cat.id } });
    expect(res.status).toBe(400);
  });

  it('refuses voice fields on other kinds, and out-of-range values', async () => {
    const text = await created({ name: 'words' });
    for (const [body, field] of [
      [{ name: 'x', user_limit: 3 }, 'body.user_limit'],
      [{ name: 'x', type: 'category', bitrate: 64000 }, 'body.bitrate'],
      [{ name: 'x', type: 'voice', user_limit: 100 }, 'body.user_limit'],
      [{ name: 'x', type: 'voice', bitrate: 1000 }, 'body.bitrate'],
      [{ name: 'x', type: 'stage' }, 'body.type'],
    ] as const) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message).toContain(field);
    }
    const res = await h.call('PATCH', `/channels/${text.id}`, { as: owner, body: { bitrate: 64000 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('body.bitrate: only voice channels have one');
  });

  it('messages and typing go in text channels only', async () => {
    for (const type of ['voice', 'category']) {
      const ch = await created({ name: `no-${type}`, type });
      let res = await h.call('POST', `/channels/${ch.id}/messages`, { as: owner, body: { content: 'hi' } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('not_text_channel');
      res = await h.call('POST', `/channels/${ch.id}/typing`, { as: owner });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('not_text_channel');
    }
  });

  it('deleting a category lifts its channels to the top level, with an update for each', async () => {
    const cat = await created({ name: 'Doomed', type: 'category' });
    const a = await created({ name: 'a', parent_id: cat.id });
    const b = await created({ name: 'b', type: 'voice', parent_id: cat.id });
    await h.drain();
    const res = await h.call('DELETE', `/channels/${cat.id}`, { as: owner });
    expect(res.status).toBe(204);
    const events = await h.drain();
    expect(events.map((e) => [e.t, (e.d as { id: string }).id])).toEqual([
      ['CHANNEL_UPDATE', a.id],
      ['CHANNEL_UPDATE', b.id],
      ['CHANNEL_DELETE', cat.id],
    ]);
    for (const e of events.slice(0, 2)) expect(e.d).toMatchObject({ parent_id: null });
    const listed = (await h.call('GET', `/servers/${sid}/channels`, { as: owner })).body.channels;
    expect(listed.filter((c: { id: string }) => c.id === a.id || c.id === b.id)).toEqual([
      expect.objectContaining({ parent_id: null }),
      expect.objectContaining({ parent_id: null }),
    ]);
  });
});
