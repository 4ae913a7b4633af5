/** The shared JSON body parser as Official uses it: a `__proto__` key is refused by name, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('JSON bodies on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('json');
  });
  afterAll(() => h?.close());

  it.each([
    ['at the top', '{"name":"Polluted","__proto__":{"owner_id":"1"}}'],
    ['nested', '{"name":"Polluted","extra":{"__proto__":{"admin":true}}}'],
  ])('a "__proto__" key %s: 400 naming the key, nothing created', async (_where, body) => {
    const res = await h.call('POST', '/servers', { as: owner, body });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'invalid_input',
      message: 'body: "__proto__" is not allowed as a key',
    });
    expect((await h.call('GET', '/me/servers', { as: owner })).body.servers).toEqual([]);
  });

  it('broken JSON is still "not valid JSON"', async () => {
    const res = await h.call('POST', '/servers', { as: owner, body: '{"name":"x",' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });
});
