import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('blocks on %s', (backend) => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  const block = (as: TestUser, uid: string) => h.call('PUT', `/me/blocks/${uid}`, { as });
  const unblock = (as: TestUser, uid: string) => h.call('DELETE', `/me/blocks/${uid}`, { as });
  const blocked = async (as: TestUser) => {
    const res = await h.call('GET', '/me/blocks', { as });
    expect(res.status).toBe(200);
    return res.body.users as { id: string; username: string }[];
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    alice = await h.user('alice');
    bob = await h.user('bob');
    carol = await h.user('carol');
  });
  afterAll(() => h?.close());

  it('PUT is 204 and sends RELATIONSHIP_UPDATE blocked to the blocker alone; again it is 204 and emits nothing', async () => {
    await h.drain();
    expect((await block(alice, bob.id)).status).toBe(204);
    expect(await h.drain()).toEqual([
      {
        t: 'RELATIONSHIP_UPDATE',
        server_id: '',
        channel_id: undefined,
        user_id: alice.id,
        d: { user_id: bob.id, type: 'blocked' },
      },
    ]);
    expect((await block(alice, bob.id)).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    expect(await blocked(alice)).toEqual([bob]);
    // one way: bob has blocked nobody
    expect(await blocked(bob)).toEqual([]);
  });

  it('concurrent PUTs block once and emit once', async () => {
    await h.drain();
    const answers = await Promise.all(Array.from({ length: 8 }, () => block(carol, alice.id)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(204));
    expect((await h.drain()).map((e) => e.t)).toEqual(['RELATIONSHIP_UPDATE']);
    expect(await blocked(carol)).toEqual([alice]);
  });

  it('GET lists the newest block first; DELETE unblocks with RELATIONSHIP_UPDATE none, then is a no-op', async () => {
    expect((await block(alice, carol.id)).status).toBe(204);
    expect(await blocked(alice)).toEqual([carol, bob]);
    await h.drain();
    expect((await unblock(alice, bob.id)).status).toBe(204);
    expect(await h.drain()).toEqual([
      expect.objectContaining({
        t: 'RELATIONSHIP_UPDATE',
        user_id: alice.id,
        d: { user_id: bob.id, type: 'none' },
      }),
    ]);
    expect((await unblock(alice, bob.id)).status).toBe(204);
    expect((await unblock(alice, '123456789')).status).toBe(204);
    expect(await h.drain()).toEqual([]);
    expect(await blocked(alice)).toEqual([carol]);
  });

  it('400 for oneself or a bad id, 404 for an unknown user, 401 without a user or for a removed account', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const res = await h.call(method, `/me/blocks/${alice.id}`, { as: alice });
      expect([res.status, res.body.error.code]).toEqual([400, 'cannot_block_self']);
      const bad = await h.call(method, '/me/blocks/abc', { as: alice });
      expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input']);
      expect((await h.call(method, `/me/blocks/${bob.id}`, { as: null })).status).toBe(401);
    }
    const res = await block(alice, '123456789');
    expect([res.status, res.body.error.code]).toEqual([404, 'unknown_user']);
    expect((await h.call('GET', '/me/blocks', { as: null })).status).toBe(401);
    const ghost = { id: '987654321', username: 'ghost' };
    const gone = await block(ghost, bob.id);
    expect([gone.status, gone.body.error.code]).toEqual([401, 'unknown_user']);
    expect(await h.drain()).toEqual([]);
  });

  it("a removed account's blocks go with it, either side", async () => {
    const dave = await h.user('dave');
    expect((await block(dave, bob.id)).status).toBe(204);
    expect((await block(bob, dave.id)).status).toBe(204);
    await h.database.db.deleteFrom('users').where('id', '=', dave.id).execute();
    expect(await blocked(bob)).toEqual([]);
    const left = await h.database.db
      .selectFrom('user_blocks')
      .selectAll()
      .where('user_id', '=', dave.id)
      .execute();
    expect(left).toEqual([]);
  });
});
