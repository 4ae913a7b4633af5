import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('read states and mentions on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  let sid: string;
  let cid: string;
  /** a channel bob cannot view */
  let secret: string;

  const post = async (as: TestUser, content: string, channel = cid) => {
    const res = await h.call('POST', `/channels/${channel}/messages`, { as, body: { content } });
    expect(res.status).toBe(201);
    return res.body as { id: string; mentions: string[]; mention_roles: string[]; mention_everyone: boolean };
  };
  const ack = (as: TestUser, mid: string, channel = cid) =>
    h.call('POST', `/channels/${channel}/messages/${mid}/ack`, { as });
  const stateOf = async (as: TestUser, channel = cid) => {
    const res = await h.call('GET', '/me/read-states', { as });
    expect(res.status).toBe(200);
    return (
      res.body.read_states as { channel_id: string; last_read_id: string | null; mention_count: number }[]
    ).find((s) => s.channel_id === channel);
  };
  const count = async (as: TestUser, channel = cid) => (await stateOf(as, channel))?.mention_count;
  const channelOf = async (channel = cid) =>
    (await h.call('GET', `/servers/${sid}/channels`, { as: owner })).body.channels.find(
      (c: { id: string }) => c.id === channel,
    ) as { last_message_id: string | null };

  beforeAll(async () => {
    h = await startHarness(backend, { MESSAGE_RATE_LIMIT: '1000/10s' });
    owner = await h.user('owner');
    alice = await h.user('alice');
    bob = await h.user('bob');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'S' } })).body.id;
    cid = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'general' } })).body
      .id;
    secret = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'secret' } })).body
      .id;
    for (const u of [alice, bob]) {
      const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
      await h.call('POST', `/invites/${inv.body.code}/accept`, { as: u });
    }
    await h.call('PUT', `/channels/${secret}/overwrites/${bob.id}`, {
      as: owner,
      body: { type: 'member', deny: String(Permissions.VIEW_CHANNEL) },
    });
  });
  afterAll(() => h?.close());

  describe('ack', () => {
    it('204; the marker moves, the count resets, and READ_STATE_UPDATE goes to the user alone', async () => {
      const m = await post(owner, `hey <@${alice.id}>`);
      expect(await count(alice)).toBe(1);
      await h.drain();
      expect((await ack(alice, m.id)).status).toBe(204);
      expect(await stateOf(alice)).toEqual({ channel_id: cid, last_read_id: m.id, mention_count: 0 });
      expect(await h.drain()).toEqual([
        {
          t: 'READ_STATE_UPDATE',
          server_id: '',
          channel_id: undefined,
          user_id: alice.id,
          d: { channel_id: cid, last_read_id: m.id, mention_count: 0 },
        },
      ]);
    });

    it('never moves backwards: an older message leaves the marker (still 204, still announced)', async () => {
      const older = await post(owner, 'one');
      const newer = await post(owner, 'two');
      expect((await ack(bob, newer.id)).status).toBe(204);
      await h.drain();
      expect((await ack(bob, older.id)).status).toBe(204);
      expect((await stateOf(bob))?.last_read_id).toBe(newer.id);
      const [event] = await h.drain();
      expect(event?.d).toEqual({ channel_id: cid, last_read_id: newer.id, mention_count: 0 });
    });

    it('an ack of an older message keeps counting the mentions after the marker', async () => {
      const before = await post(owner, 'plain');
      const mention = await post(owner, `<@${bob.id}> look`);
      expect(await count(bob)).toBe(1);
      expect((await ack(bob, before.id)).status).toBe(204);
      expect(await count(bob)).toBe(1);
      expect((await ack(bob, mention.id)).status).toBe(204);
      expect(await count(bob)).toBe(0);
    });

    it('404 for unknown, hidden or foreign channels and for messages not in the channel; 400 for bad ids; 401 without a user', async () => {
      const m = await post(owner, 'target');
      const inSecret = await post(owner, 'hidden', secret);
      for (const [as, channel, mid, code] of [
        [alice, '123456789', m.id, 'unknown_channel'],
        [bob, secret, inSecret.id, 'unknown_channel'],
        [stranger, cid, m.id, 'unknown_channel'],
        [alice, cid, '123456789', 'unknown_message'],
        [alice, cid, inSecret.id, 'unknown_message'],
      ] as const) {
        const res = await ack(as, mid, channel);
        expect([res.status, res.body.error.code]).toEqual([404, code]);
      }
      for (const path of [
        `/channels/abc/messages/${m.id}/ack`,
        `/channels/${cid}/messages/99999999999999999999/ack`,
      ]) {
        const res = await h.call('POST', path, { as: alice });
        expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
      }
      expect((await h.call('POST', `/channels/${cid}/messages/${m.id}/ack`, { as: null })).status).toBe(401);
    });
  });

  describe('GET /me/read-states', () => {
    it('one per channel the caller can view, null before the first ack; none for strangers', async () => {
      const bobs = (await h.call('GET', '/me/read-states', { as: bob })).body.read_states;
      // a new server starts with #general; bob sees it and cid, not the secret channel
      const listed = (await h.call('GET', `/servers/${sid}/channels`, { as: bob })).body.channels as {
        id: string;
      }[];
      expect(listed).toHaveLength(2);
      expect(bobs.map((s: { channel_id: string }) => s.channel_id).sort()).toEqual(
        listed.map((c) => c.id).sort(),
      );
      expect(bobs.map((s: { channel_id: string }) => s.channel_id)).not.toContain(secret);
      const owners = (await h.call('GET', '/me/read-states', { as: owner })).body.read_states;
      expect(owners).toContainEqual({ channel_id: secret, last_read_id: null, mention_count: 0 });
      expect((await h.call('GET', '/me/read-states', { as: stranger })).body).toEqual({ read_states: [] });
      expect((await h.call('GET', '/me/read-states', { as: null })).status).toBe(401);
    });
  });

  describe('last_message_id', () => {
    it('follows posts and deletes: the newest left after the newest goes, null when none is', async () => {
      const ch = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'fresh' } }))
        .body;
      expect(ch.last_message_id).toBeNull();
      const a = await post(owner, 'a', ch.id);
      const b = await post(owner, 'b', ch.id);
      expect((await channelOf(ch.id)).last_message_id).toBe(b.id);
      expect((await h.call('DELETE', `/messages/${a.id}`, { as: owner })).status).toBe(204);
      expect((await channelOf(ch.id)).last_message_id).toBe(b.id);
      const c = await post(owner, 'c', ch.id);
      expect((await h.call('DELETE', `/messages/${c.id}`, { as: owner })).status).toBe(204);
      expect((await channelOf(ch.id)).last_message_id).toBe(b.id);
      expect((await h.call('DELETE', `/messages/${b.id}`, { as: owner })).status).toBe(204);
      expect((await channelOf(ch.id)).last_message_id).toBeNull();
    });

    it('a burst of posts (group commit) leaves the newest', async () => {
      const ids = (await Promise.all(Array.from({ length: 20 }, (_, i) => post(alice, `burst ${i}`)))).map(
        (m) => m.id,
      );
      const newest = ids.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
      expect((await channelOf()).last_message_id).toBe(newest);
    });
  });

  describe('mention counts', () => {
    async function reset() {
      for (const u of [owner, alice, bob]) {
        const newest = (await channelOf()).last_message_id;
        if (newest) await ack(u, newest);
      }
    }

    it('a message carries its resolved mentions; counts go up for the mentioned, never for the author', async () => {
      await reset();
      const m = await post(alice, `<@${bob.id}> <@${alice.id}> <@${stranger.id}> <@123456789>`);
      expect(m).toMatchObject({ mentions: [bob.id, alice.id], mention_roles: [], mention_everyone: false });
      expect([await count(bob), await count(alice), await count(owner)]).toEqual([1, 0, 0]);
      // the same fields in history and in the event
      const listed = await h.call('GET', `/channels/${cid}/messages?limit=1`, { as: bob });
      expect(listed.body.messages[0].mentions).toEqual([bob.id, alice.id]);
    });

    it('a user who cannot view the channel is neither mentioned nor counted', async () => {
      const m = await post(owner, `<@${bob.id}> <@${alice.id}>`, secret);
      expect(m.mentions).toEqual([alice.id]);
      expect(await count(bob, secret)).toBeUndefined();
      expect(await count(alice, secret)).toBe(1);
    });

    it('roles notify their members; @everyone needs MENTION_EVERYONE, then reaches every viewer', async () => {
      await reset();
      const role = (
        await h.call('POST', `/servers/${sid}/roles`, { as: owner, body: { name: 'ops', permissions: '0' } })
      ).body.id;
      await h.call('PUT', `/servers/${sid}/members/${bob.id}/roles/${role}`, { as: owner });
      const byRole = await post(alice, `<@&${role}> and <@${bob.id}>`);
      expect(byRole.mention_roles).toEqual([role]);
      expect(await count(bob)).toBe(1);
      const plain = await post(alice, '@everyone hello');
      expect(plain.mention_everyone).toBe(false);
      expect([await count(bob), await count(owner)]).toEqual([1, 0]);
      const loud = await post(owner, '@everyone hello');
      expect(loud.mention_everyone).toBe(true);
      expect([await count(bob), await count(alice), await count(owner)]).toEqual([2, 1, 0]);
      // granted by a role, MENTION_EVERYONE works for members too
      await h.call('PATCH', `/roles/${role}`, {
        as: owner,
        body: { permissions: String(Permissions.MENTION_EVERYONE) },
      });
      expect((await post(bob, '@everyone from bob')).mention_everyone).toBe(true);
      expect([await count(bob), await count(alice), await count(owner)]).toEqual([2, 2, 1]);
    });

    it('edits that add or remove mentions keep counts exact', async () => {
      await reset();
      const m = await post(alice, 'no one yet');
      expect(await count(bob)).toBe(0);
      let res = await h.call('PATCH', `/messages/${m.id}`, {
        as: alice,
        body: { content: `now <@${bob.id}>` },
      });
      expect(res.body.mentions).toEqual([bob.id]);
      expect(await count(bob)).toBe(1);
      res = await h.call('PATCH', `/messages/${m.id}`, {
        as: alice,
        body: { content: `<@${bob.id}> still` },
      });
      expect(await count(bob)).toBe(1);
      res = await h.call('PATCH', `/messages/${m.id}`, {
        as: alice,
        body: { content: `<@${owner.id}> instead` },
      });
      expect(res.body.mentions).toEqual([owner.id]);
      expect([await count(bob), await count(owner)]).toEqual([0, 1]);
    });

    it('an edit after the marker is not counted for a user who read past it', async () => {
      await reset();
      const m = await post(alice, 'plain');
      await ack(bob, m.id);
      await h.call('PATCH', `/messages/${m.id}`, { as: alice, body: { content: `<@${bob.id}> late` } });
      expect(await count(bob)).toBe(0);
    });

    it('deleting an unread mentioning message takes its mention back; a read one changes nothing', async () => {
      await reset();
      const read = await post(alice, `<@${bob.id}> one`);
      await ack(bob, read.id);
      const unread = await post(alice, `<@${bob.id}> two`);
      const other = await post(alice, `<@${bob.id}> three`);
      expect(await count(bob)).toBe(2);
      expect((await h.call('DELETE', `/messages/${unread.id}`, { as: alice })).status).toBe(204);
      expect(await count(bob)).toBe(1);
      expect((await h.call('DELETE', `/messages/${read.id}`, { as: alice })).status).toBe(204);
      expect(await count(bob)).toBe(1);
      expect((await h.call('DELETE', `/messages/${other.id}`, { as: owner })).status).toBe(204);
      expect(await count(bob)).toBe(0);
    });

    it('concurrent mentioning posts (one group commit) are each counted once', async () => {
      await reset();
      await Promise.all(Array.from({ length: 10 }, (_, i) => post(alice, `<@${bob.id}> ${i}`)));
      expect(await count(bob)).toBe(10);
    });
  });
});
