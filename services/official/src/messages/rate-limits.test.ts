import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startHarness, type Harness } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('message and typing rate limits on %s', (backend) => {
  let h: Harness;
  let off: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, { MESSAGE_RATE_LIMIT: '2/60s', TYPING_RATE_LIMIT: '1/60s' });
    off = await startHarness(backend, { MESSAGE_RATE_LIMIT: '1/60s', RATE_LIMITS: 'off' }, h.database);
  });
  afterAll(async () => {
    await off?.close();
    await h?.close();
  });

  it('429 with Retry-After past the per-user per-channel limit, buckets per channel and user', async () => {
    const u = await h.user();
    const other = await h.user();
    const sid = (await h.call('POST', '/servers', { as: u, body: { name: 'S' } })).body.id;
    const c1 = (await h.call('POST', `/servers/${sid}/channels`, { as: u, body: { name: 'a' } })).body.id;
    const c2 = (await h.call('POST', `/servers/${sid}/channels`, { as: u, body: { name: 'b' } })).body.id;
    const inv = (await h.call('POST', `/servers/${sid}/invites`, { as: u })).body.code;
    await h.call('POST', `/invites/${inv}/accept`, { as: other });
    for (let i = 0; i < 2; i++)
      expect(
        (await h.call('POST', `/channels/${c1}/messages`, { as: u, body: { content: 'x' } })).status,
      ).toBe(201);
    const limited = await h.call('POST', `/channels/${c1}/messages`, { as: u, body: { content: 'x' } });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await h.call('POST', `/channels/${c2}/messages`, { as: u, body: { content: 'x' } })).status).toBe(
      201,
    );
    expect(
      (await h.call('POST', `/channels/${c1}/messages`, { as: other, body: { content: 'x' } })).status,
    ).toBe(201);
    expect((await h.call('POST', `/channels/${c1}/typing`, { as: u })).status).toBe(204);
    const typing = await h.call('POST', `/channels/${c1}/typing`, { as: u });
    expect([typing.status, typing.body.error.code]).toEqual([429, 'rate_limited']);
  });

  it('RATE_LIMITS=off lifts every limit', async () => {
    const u = await off.user();
    const sid = (await off.call('POST', '/servers', { as: u, body: { name: 'S' } })).body.id;
    const c = (await off.call('POST', `/servers/${sid}/channels`, { as: u, body: { name: 'c' } })).body.id;
    for (let i = 0; i < 3; i++)
      expect(
        (await off.call('POST', `/channels/${c}/messages`, { as: u, body: { content: 'x' } })).status,
      ).toBe(201);
  });
});
