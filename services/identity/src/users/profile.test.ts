/** PATCH /me: profile fields, username rules, avatar rules, and USER_UPDATE in the outbox, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { newId } from '@twopointo/shared';
import { signUp, startTestIdentity, type SignedUp, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('profile on %s', (backend) => {
  let id: TestIdentity;
  let alice: SignedUp;
  /** USER_UPDATE records committed when the relay was woken, one entry per wake */
  const wakes: Promise<number>[] = [];

  beforeAll(async () => {
    id = await startTestIdentity(backend, {
      outboxWritten: () => wakes.push(countUserUpdates()),
    });
    alice = await signUp(id, 'alice');
  }, 120_000);
  afterAll(async () => {
    await id?.close();
  });

  const patch = (who: SignedUp, body: unknown) => id.call('PATCH', '/me', { token: who.access, body });
  const asset = async (
    owner: string,
    o: { content_type?: string; size?: number; status?: 'pending' | 'ready' } = {},
  ) => {
    const aid = newId();
    await id.database.db
      .insertInto('assets')
      .values({
        id: aid,
        owner_id: owner,
        filename: 'a.png',
        content_type: o.content_type ?? 'image/png',
        size: String(o.size ?? 1000),
        storage_key: `assets/${aid}/x`,
        status: o.status ?? 'ready',
      })
      .execute();
    return aid;
  };
  const countUserUpdates = async () =>
    (await id.database.db.selectFrom('outbox').select('payload').execute()).filter(
      (r) => (JSON.parse(r.payload) as { t: string }).t === 'USER_UPDATE',
    ).length;
  const outboxOf = async (userId: string) => {
    const rows = await id.database.db.selectFrom('outbox').select('payload').orderBy('seq').execute();
    return rows
      .map((r) => JSON.parse(r.payload) as { t: string; server_id: string; user_id?: string; data: string })
      .filter((r) => r.t === 'USER_UPDATE' && (JSON.parse(r.data) as { id: string }).id === userId);
  };

  it('changes display name and about, trims them, and answers the account', async () => {
    const res = await patch(alice, { display_name: '  Alice A.  ', about: 'hello there' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: alice.id,
      username: alice.username,
      display_name: 'Alice A.',
      about: 'hello there',
      avatar: null,
    });
    expect((await id.call('GET', '/me', { token: alice.access })).body.display_name).toBe('Alice A.');
    // "" and null clear them
    const cleared = await patch(alice, { display_name: '', about: null });
    expect(cleared.body).toMatchObject({ display_name: null, about: null });
  });

  it('writes USER_UPDATE to the user and to each server they are a member of, in one commit', async () => {
    const bob = await signUp(id, 'bob');
    const sid = newId();
    await id.database.db.insertInto('servers').values({ id: sid, name: 's', owner_id: bob.id }).execute();
    await id.database.db.insertInto('members').values({ server_id: sid, user_id: bob.id }).execute();
    const before = await countUserUpdates();
    wakes.length = 0;
    expect((await patch(bob, { display_name: 'Bobby' })).status).toBe(200);
    // the relay is woken once, after the commit: both records are there to publish
    expect(wakes.length).toBe(1);
    expect(await wakes[0]).toBe(before + 2);
    const records = await outboxOf(bob.id);
    expect(records.map((r) => [r.server_id, r.user_id])).toEqual([
      ['', bob.id],
      [sid, undefined],
    ]);
    expect(JSON.parse(records[0]!.data)).toEqual({
      id: bob.id,
      username: bob.username,
      display_name: 'Bobby',
      avatar: null,
      about: null,
    });
  });

  it('renames under the sign-up rules; a taken name (any case) is 409, the own name in another case is fine', async () => {
    const carol = await signUp(id, 'carol');
    const renamed = await patch(carol, { username: `  c_${carol.id.slice(-8)}  ` });
    expect(renamed.status).toBe(200);
    expect(renamed.body.username).toBe(`c_${carol.id.slice(-8)}`);
    const taken = await patch(carol, { username: alice.username.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('username_taken');
    expect((await patch(carol, { username: `C_${carol.id.slice(-8)}` })).status).toBe(200);
    for (const bad of ['a', 'has space', 'x'.repeat(33), 'émile']) {
      const res = await patch(carol, { username: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });

  it('refuses bad fields with 400 and changes nothing', async () => {
    for (const body of [
      {},
      { display_name: 'x'.repeat(33) },
      { display_name: 'tab\there' },
      { about: 'y'.repeat(191) },
      { avatar_asset_id: 'abc' },
      { avatar_asset_id: '9223372036854775808' },
      { email: 'x@example.com' },
    ]) {
      const res = await patch(alice, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect((await patch(alice, { display_name: 'x'.repeat(32) })).status).toBe(200);
    expect((await patch(alice, { about: 'y'.repeat(190) })).status).toBe(200);
  });

  it('takes a completed image of the caller as avatar and marks it public; null removes it', async () => {
    const aid = await asset(alice.id);
    const res = await patch(alice, { avatar_asset_id: aid });
    expect(res.status).toBe(200);
    expect(res.body.avatar).toBe(aid);
    const row = await id.database.db
      .selectFrom('assets')
      .select('public')
      .where('id', '=', aid)
      .executeTakeFirst();
    expect(row?.public).toBe(true);
    expect((await patch(alice, { avatar_asset_id: null })).body.avatar).toBeNull();
  });

  it('refuses as avatar: another user’s asset, a pending upload, a non-image, an oversized image, an unknown id', async () => {
    const dave = await signUp(id, 'dave');
    const cases: [string, string][] = [
      [await asset(dave.id), 'invalid_avatar'],
      [await asset(alice.id, { status: 'pending' }), 'invalid_avatar'],
      [await asset(alice.id, { content_type: 'application/pdf' }), 'invalid_avatar'],
      [await asset(alice.id, { content_type: 'video/mp4' }), 'invalid_avatar'],
      [await asset(alice.id, { size: 8 * 1024 * 1024 + 1 }), 'invalid_avatar'],
      [newId(), 'invalid_avatar'],
    ];
    for (const [aid, code] of cases) {
      const res = await patch(alice, { avatar_asset_id: aid, display_name: 'not applied' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
    // nothing of a refused change is kept, and nothing was made public
    expect((await id.call('GET', '/me', { token: alice.access })).body.display_name).not.toBe('not applied');
    const publics = await id.database.db
      .selectFrom('assets')
      .select('id')
      .where(
        'id',
        'in',
        cases.map((c) => c[0]),
      )
      .where('public', '=', true)
      .execute();
    expect(publics).toEqual([]);
  });

  it('needs an access token', async () => {
    expect((await id.call('PATCH', '/me', { body: { about: 'x' } })).status).toBe(401);
    expect((await id.call('PATCH', '/me', { token: alice.partial, body: { about: 'x' } })).status).toBe(401);
  });
});
