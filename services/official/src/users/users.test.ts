/** GET /users/:uid: the profile card's data, for the user and those sharing a server with them only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { newId } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('user profiles on %s', (backend) => {
  let h: Harness;
  let alice: TestUser, bob: TestUser, stranger: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    [alice, bob, stranger] = await Promise.all([h.user('alice'), h.user('bob'), h.user('stranger')]);
    await h.database.db
      .updateTable('users')
      .set({ display_name: 'Alice', about: 'hi' })
      .where('id', '=', alice.id)
      .execute();
    const sid = (await h.call('POST', '/servers', { as: alice, body: { name: 's' } })).body.id;
    const code = (await h.call('POST', `/servers/${sid}/invites`, { as: alice, body: {} })).body.code;
    expect((await h.call('POST', `/invites/${code}/accept`, { as: bob })).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('answers the profile to the user and to a member of a shared server', async () => {
    const expected = {
      id: alice.id,
      username: alice.username,
      display_name: 'Alice',
      avatar: null,
      about: 'hi',
    };
    for (const as of [alice, bob]) {
      const res = await h.call('GET', `/users/${alice.id}`, { as });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected);
    }
  });

  it('is 404 unknown_user for a stranger, an unknown id; 400 for a bad id', async () => {
    for (const [as, uid] of [
      [stranger, alice.id],
      [alice, stranger.id],
      [alice, newId()],
    ] as const) {
      const res = await h.call('GET', `/users/${uid}`, { as });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('unknown_user');
    }
    expect((await h.call('GET', '/users/abc', { as: alice })).status).toBe(400);
  });
});
