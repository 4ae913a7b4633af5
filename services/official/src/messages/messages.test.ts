import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions, newId } from '@twopointo/shared';
import { startHarness, type Harness, type TestUser } from '../test/official-harness.ts';
import { outboxRow } from '@twopointo/bus';
import { enqueueUserDepartureEvents } from '../members/departure.ts';
import { MessageRepository } from './message.repository.ts';
import { raceError } from './message.service.ts';
import { NO_MENTIONS } from './mentions.ts';

describe.each(TEST_BACKENDS)('messages on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let sid: string;
  let cid: string;

  async function asset(user: TestUser, status: 'ready' | 'pending' = 'ready') {
    const id = newId();
    await h.database.db
      .insertInto('assets')
      .values({
        id,
        owner_id: user.id,
        filename: `f${id}.png`,
        content_type: 'image/png',
        size: '1234',
        storage_key: `k/${id}`,
        status,
      })
      .execute();
    return id;
  }
  async function role(perms: bigint, user = member) {
    const r = await h.call('POST', `/servers/${sid}/roles`, {
      as: owner,
      body: { name: 'r', permissions: perms.toString() },
    });
    await h.call('PUT', `/servers/${sid}/members/${user.id}/roles/${r.body.id}`, { as: owner });
    return r.body.id as string;
  }
  async function setEveryone(perms: bigint) {
    expect(
      (await h.call('PATCH', `/roles/${sid}`, { as: owner, body: { permissions: perms.toString() } })).status,
    ).toBe(200);
  }
  const DEFAULT =
    Permissions.VIEW_CHANNEL |
    Permissions.SEND_MESSAGES |
    Permissions.READ_MESSAGE_HISTORY |
    Permissions.ATTACH_FILES;

  beforeAll(async () => {
    h = await startHarness(backend, { MESSAGE_RATE_LIMIT: '1000/10s' });
    owner = await h.user('owner');
    member = await h.user('member');
    stranger = await h.user('stranger');
    sid = (await h.call('POST', '/servers', { as: owner, body: { name: 'S' } })).body.id;
    cid = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'general' } })).body
      .id;
    const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
    await h.call('POST', `/invites/${inv.body.code}/accept`, { as: member });
  });
  afterAll(() => h?.close());

  describe('create', () => {
    it('posts a message: 201 with the full shape, content trimmed', async () => {
      const res = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: '  Hello!  ' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        channel_id: cid,
        server_id: sid,
        author: { id: member.id, username: member.username, display_name: null, avatar: null },
        content: 'Hello!',
        attachments: [],
        reply_to_id: null,
        created_at: expect.any(String),
        edited_at: null,
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        reactions: [],
        pinned: false,
        type: 'default',
        reference_id: null,
      });
    });

    it('concurrent posts share inserts (group commit) yet each is answered, stored and announced once, in id order', async () => {
      await h.drain();
      const doomed = (
        await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'doomed' } })
      ).body.id;
      const posts = Array.from({ length: 40 }, (_, i) =>
        h.call('POST', `/channels/${cid}/messages`, { as: owner, body: { content: `burst ${i}` } }),
      );
      // one post in the batch whose channel goes away while it is queued: only it fails
      const lost = h.call('POST', `/channels/${doomed}/messages`, { as: owner, body: { content: 'lost' } });
      const removed = h.call('DELETE', `/channels/${doomed}`, { as: owner });
      const answers = await Promise.all(posts);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
      expect([201, 404]).toContain((await lost).status);
      expect((await removed).status).toBe(204);
      const ids = answers.map((a) => a.body.id as string);
      const events = (await h.drain()).filter((e) => e.t === 'MESSAGE_CREATE' && e.channel_id === cid);
      expect(events.map((e) => e.d.id)).toEqual([...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
      const page = await h.call('GET', `/channels/${cid}/messages?limit=40`, { as: owner });
      expect(new Set(page.body.messages.map((m: { id: string }) => m.id))).toEqual(new Set(ids));
    });

    it('the response is what history and the MESSAGE_CREATE event say, to the millisecond', async () => {
      await h.drain();
      const posted = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: 'same' },
      });
      const listed = await h.call('GET', `/channels/${cid}/messages?limit=1`, { as: owner });
      expect(listed.body.messages[0]).toEqual(posted.body);
      const events = await h.drain();
      expect(events.map((e) => e.t)).toEqual(['MESSAGE_CREATE']);
      expect(events[0]!.d).toEqual(posted.body);
    });

    it('a user deleted after joining gets 401 on post, history and typing, never 500', async () => {
      const gone = await h.user('gone');
      const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
      await h.call('POST', `/invites/${inv.body.code}/accept`, { as: gone });
      expect(
        (await h.call('POST', `/channels/${cid}/messages`, { as: gone, body: { content: 'x' } })).status,
      ).toBe(201);
      // as Identity deletes an account: the departure events commit with the delete
      await h.database.db.transaction().execute(async (trx) => {
        await enqueueUserDepartureEvents(trx, gone.id);
        await trx.deleteFrom('users').where('id', '=', gone.id).execute();
      });
      await h.drain();
      for (const [method, path, body] of [
        ['POST', `/channels/${cid}/messages`, { content: 'x' }],
        ['GET', `/channels/${cid}/messages`, undefined],
        ['POST', `/channels/${cid}/typing`, undefined],
        ['POST', `/channels/123456789/messages`, { content: 'x' }],
      ] as const) {
        const res = await h.call(method, path, { as: gone, body });
        expect([res.status, res.body.error.code]).toEqual([401, 'unknown_user']);
      }
    });

    it('a write that loses a race with a delete maps to the error the check would give', async () => {
      const repo = new MessageRepository(h.database.db);
      const attempt = async (m: { authorId?: string; channelId?: string; assetIds?: string[] }) => {
        const id = newId();
        const err = await repo
          .insertWithEvents([
            {
              message: {
                id,
                channelId: m.channelId ?? cid,
                serverId: sid,
                authorId: m.authorId ?? member.id,
                content: 'race',
                replyToId: null,
                createdAt: new Date(),
                assetIds: m.assetIds ?? [],
                mentions: NO_MENTIONS,
              },
              outbox: [outboxRow({ id: newId(), t: 'MESSAGE_CREATE', server_id: sid, data: '{}' })],
            },
          ])
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        const mapped = raceError(err) as { status: number; code: string };
        // nothing half-written: neither the message nor its outbox row
        expect(
          await h.database.db.selectFrom('messages').select('id').where('id', '=', id).execute(),
        ).toEqual([]);
        return `${mapped.status} ${mapped.code}`;
      };
      expect(await attempt({ authorId: '123456789' })).toBe('401 unknown_user');
      expect(await attempt({ channelId: '123456789' })).toBe('404 unknown_channel');
      expect(await attempt({ assetIds: ['123456789'] })).toBe('400 invalid_attachment');
    });

    it('accepts exactly 4000 characters after trimming', async () => {
      const res = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: `  ${'a'.repeat(4000)}\n` },
      });
      expect(res.status).toBe(201);
      expect(res.body.content).toHaveLength(4000);
    });

    it.each([
      [{}, 'body.content'],
      [{ content: '' }, 'body.content'],
      [{ content: ' \n\t ' }, 'body.content'],
      [{ content: 'a'.repeat(4001) }, 'body.content'],
      [{ content: 'a'.repeat(8001) }, 'body.content'],
      [{ content: 12 }, 'body.content'],
      [{ content: 'x', attachment_ids: 'nope' }, 'body.attachment_ids'],
      [{ content: 'x', attachment_ids: ['abc'] }, 'body.attachment_ids'],
      [
        { content: 'x', attachment_ids: Array.from({ length: 11 }, (_, i) => String(i + 1)) },
        'body.attachment_ids',
      ],
      [{ content: 'x', attachment_ids: ['1', '1'] }, 'body.attachment_ids'],
      [{ content: 'x', reply_to_id: 'abc' }, 'body.reply_to_id'],
      [{ content: 'x', reply_to_id: 5 }, 'body.reply_to_id'],
    ])('rejects %j with 400 naming %s', async (body, field) => {
      const res = await h.call('POST', `/channels/${cid}/messages`, { as: member, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    });

    it('replies only to a message of the same channel', async () => {
      const first = await h.call('POST', `/channels/${cid}/messages`, {
        as: owner,
        body: { content: 'parent' },
      });
      const res = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: 'child', reply_to_id: first.body.id },
      });
      expect(res.status).toBe(201);
      expect(res.body.reply_to_id).toBe(first.body.id);
      const other = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'other' } }))
        .body.id;
      const elsewhere = await h.call('POST', `/channels/${other}/messages`, {
        as: owner,
        body: { content: 'x' },
      });
      for (const reply of [elsewhere.body.id, '12345']) {
        const bad = await h.call('POST', `/channels/${cid}/messages`, {
          as: member,
          body: { content: 'x', reply_to_id: reply },
        });
        expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_reply']);
        expect(bad.body.error.message).toContain('body.reply_to_id');
      }
      await h.call('DELETE', `/channels/${other}`, { as: owner });
    });

    it('attaches the caller’s ready assets (ATTACH_FILES); empty content allowed then', async () => {
      const a1 = await asset(member);
      const a2 = await asset(member);
      const res = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: '', attachment_ids: [a2, a1] },
      });
      expect(res.status).toBe(201);
      expect(res.body.content).toBe('');
      expect(res.body.attachments).toEqual([
        {
          id: a2,
          filename: `f${a2}.png`,
          content_type: 'image/png',
          size: 1234,
          url: `/api/assets/${a2}`,
          width: null,
          height: null,
        },
        {
          id: a1,
          filename: `f${a1}.png`,
          content_type: 'image/png',
          size: 1234,
          url: `/api/assets/${a1}`,
          width: null,
          height: null,
        },
      ]);
      const listed = await h.call('GET', `/channels/${cid}/messages?limit=1`, { as: owner });
      expect(listed.body.messages[0].attachments.map((a: { id: string }) => a.id)).toEqual([a2, a1]);
      // attachments alone, no content field at all
      expect(
        (await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { attachment_ids: [a1] } }))
          .status,
      ).toBe(201);
    });

    it('refuses assets that are not the caller’s, not ready, or unknown', async () => {
      for (const id of [await asset(owner), await asset(member, 'pending'), '424242']) {
        const res = await h.call('POST', `/channels/${cid}/messages`, {
          as: member,
          body: { content: 'x', attachment_ids: [id] },
        });
        expect([res.status, res.body.error.code]).toEqual([400, 'invalid_attachment']);
      }
    });

    it('needs ATTACH_FILES for attachments and SEND_MESSAGES to post', async () => {
      await setEveryone(
        Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES | Permissions.READ_MESSAGE_HISTORY,
      );
      let res = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: 'x', attachment_ids: [await asset(member)] },
      });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect(res.body.error.message).toContain('ATTACH_FILES');
      expect(
        (await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'plain' } }))
          .status,
      ).toBe(201);
      await setEveryone(Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY);
      res = await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'x' } });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect(res.body.error.message).toContain('SEND_MESSAGES');
      // a role gives it back
      const r = await role(Permissions.SEND_MESSAGES);
      expect(
        (await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'x' } })).status,
      ).toBe(201);
      await h.call('DELETE', `/roles/${r}`, { as: owner });
      await setEveryone(DEFAULT);
    });

    it('404 for non-members, unknown channels; 400 for bad ids', async () => {
      expect(
        (await h.call('POST', `/channels/${cid}/messages`, { as: stranger, body: { content: 'x' } })).body
          .error.code,
      ).toBe('unknown_channel');
      expect(
        (await h.call('POST', `/channels/777/messages`, { as: member, body: { content: 'x' } })).status,
      ).toBe(404);
      expect(
        (await h.call('POST', `/channels/7a/messages`, { as: member, body: { content: 'x' } })).status,
      ).toBe(400);
    });
  });

  describe('history', () => {
    let ch: string;
    let ids: string[];

    beforeAll(async () => {
      ch = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'history' } })).body
        .id;
      ids = [];
      for (let i = 0; i < 7; i++)
        ids.push(
          (await h.call('POST', `/channels/${ch}/messages`, { as: owner, body: { content: `m${i}` } })).body
            .id,
        );
    });
    const contents = (body: { messages: { content: string }[] }) => body.messages.map((m) => m.content);

    it('empty channel: no messages, has_more false', async () => {
      const empty = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'empty' } }))
        .body.id;
      const res = await h.call('GET', `/channels/${empty}/messages`, { as: member });
      expect(res.body).toEqual({ messages: [], has_more: false });
      expect((await h.call('GET', `/channels/${empty}/messages?after=1`, { as: member })).body).toEqual({
        messages: [],
        has_more: false,
      });
    });

    it('newest first, default limit covers all', async () => {
      const res = await h.call('GET', `/channels/${ch}/messages`, { as: member });
      expect(res.status).toBe(200);
      expect(contents(res.body)).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
      expect(res.body.has_more).toBe(false);
    });

    it('limit exactly the count → has_more false; one less → true', async () => {
      expect((await h.call('GET', `/channels/${ch}/messages?limit=7`, { as: member })).body.has_more).toBe(
        false,
      );
      const res = await h.call('GET', `/channels/${ch}/messages?limit=6`, { as: member });
      expect(contents(res.body)).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1']);
      expect(res.body.has_more).toBe(true);
    });

    it('before pages backwards to the end', async () => {
      let res = await h.call('GET', `/channels/${ch}/messages?limit=3&before=${ids[4]}`, { as: member });
      expect(contents(res.body)).toEqual(['m3', 'm2', 'm1']);
      expect(res.body.has_more).toBe(true);
      res = await h.call('GET', `/channels/${ch}/messages?limit=3&before=${ids[1]}`, { as: member });
      expect(contents(res.body)).toEqual(['m0']);
      expect(res.body.has_more).toBe(false);
      res = await h.call('GET', `/channels/${ch}/messages?before=${ids[0]}`, { as: member });
      expect(res.body).toEqual({ messages: [], has_more: false });
    });

    it('after returns the oldest page after it, sorted newest first', async () => {
      let res = await h.call('GET', `/channels/${ch}/messages?limit=2&after=${ids[1]}`, { as: member });
      expect(contents(res.body)).toEqual(['m3', 'm2']);
      expect(res.body.has_more).toBe(true);
      res = await h.call('GET', `/channels/${ch}/messages?limit=2&after=${ids[4]}`, { as: member });
      expect(contents(res.body)).toEqual(['m6', 'm5']);
      expect(res.body.has_more).toBe(false);
      res = await h.call('GET', `/channels/${ch}/messages?after=${ids[6]}`, { as: member });
      expect(res.body).toEqual({ messages: [], has_more: false });
      res = await h.call('GET', `/channels/${ch}/messages?after=${ids[1]}&before=${ids[4]}`, { as: member });
      expect(contents(res.body)).toEqual(['m3', 'm2']);
    });

    it.each(['limit=0', 'limit=101', 'limit=abc', 'before=abc', 'after=-1', 'before=99999999999999999999'])(
      'rejects ?%s with 400 naming the query field',
      async (q) => {
        const res = await h.call('GET', `/channels/${ch}/messages?${q}`, { as: member });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(`querystring.${q.split('=')[0]}`);
      },
    );

    it('accepts limit 1 and 100', async () => {
      expect(
        (await h.call('GET', `/channels/${ch}/messages?limit=1`, { as: member })).body.messages,
      ).toHaveLength(1);
      expect(
        (await h.call('GET', `/channels/${ch}/messages?limit=100`, { as: member })).body.messages,
      ).toHaveLength(7);
    });

    it('needs READ_MESSAGE_HISTORY (403) and VIEW_CHANNEL (404); non-members 404', async () => {
      await setEveryone(Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES);
      let res = await h.call('GET', `/channels/${ch}/messages`, { as: member });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      await setEveryone(Permissions.SEND_MESSAGES | Permissions.READ_MESSAGE_HISTORY);
      res = await h.call('GET', `/channels/${ch}/messages`, { as: member });
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_channel']);
      await setEveryone(DEFAULT);
      expect((await h.call('GET', `/channels/${ch}/messages`, { as: stranger })).status).toBe(404);
    });
  });

  describe('edit and delete', () => {
    it('only the author edits; edited_at set; content rules apply', async () => {
      const m = (
        await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'draft' } })
      ).body;
      let res = await h.call('PATCH', `/messages/${m.id}`, { as: owner, body: { content: 'owner edit' } });
      expect([res.status, res.body.error.code]).toEqual([403, 'not_author']);
      expect(
        (await h.call('PATCH', `/messages/${m.id}`, { as: stranger, body: { content: 'x' } })).body.error
          .code,
      ).toBe('unknown_message');
      res = await h.call('PATCH', `/messages/${m.id}`, { as: member, body: { content: '  final  ' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: m.id, content: 'final', created_at: m.created_at });
      expect(Date.parse(res.body.edited_at)).toBeGreaterThan(0);
      for (const body of [
        {},
        { content: '' },
        { content: '  ' },
        { content: 'a'.repeat(4001) },
        { content: 1 },
      ]) {
        const bad = await h.call('PATCH', `/messages/${m.id}`, { as: member, body });
        expect([bad.status, bad.body.error.message.includes('body.content')]).toEqual([400, true]);
      }
      expect((await h.call('PATCH', '/messages/1', { as: member, body: { content: 'x' } })).status).toBe(404);
      expect((await h.call('PATCH', '/messages/zz', { as: member, body: { content: 'x' } })).status).toBe(
        400,
      );
    });

    it('a message with attachments may be edited to empty content', async () => {
      const m = (
        await h.call('POST', `/channels/${cid}/messages`, {
          as: member,
          body: { content: 'pic', attachment_ids: [await asset(member)] },
        })
      ).body;
      const res = await h.call('PATCH', `/messages/${m.id}`, { as: member, body: { content: '' } });
      expect(res.status).toBe(200);
      expect(res.body.attachments).toHaveLength(1);
    });

    it('the author deletes; others need MANAGE_MESSAGES', async () => {
      const mine = (await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'a' } }))
        .body;
      const owners = (
        await h.call('POST', `/channels/${cid}/messages`, { as: owner, body: { content: 'b' } })
      ).body;
      const res = await h.call('DELETE', `/messages/${owners.id}`, { as: member });
      expect([res.status, res.body.error.code]).toEqual([403, 'missing_permission']);
      expect((await h.call('DELETE', `/messages/${mine.id}`, { as: stranger })).status).toBe(404);
      expect((await h.call('DELETE', `/messages/${mine.id}`, { as: member })).status).toBe(204);
      expect((await h.call('DELETE', `/messages/${mine.id}`, { as: member })).status).toBe(404);
      const r = await role(Permissions.MANAGE_MESSAGES);
      expect((await h.call('DELETE', `/messages/${owners.id}`, { as: member })).status).toBe(204);
      await h.call('DELETE', `/roles/${r}`, { as: owner });
      const again = (
        await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'c' } })
      ).body;
      expect((await h.call('DELETE', `/messages/${again.id}`, { as: owner })).status).toBe(204);
    });

    it('hidden channel: its messages are 404 even to their author', async () => {
      const m = (await h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: 'a' } }))
        .body;
      await h.call('PUT', `/channels/${cid}/overwrites/${member.id}`, {
        as: owner,
        body: { type: 'member', deny: String(Permissions.VIEW_CHANNEL) },
      });
      expect(
        (await h.call('PATCH', `/messages/${m.id}`, { as: member, body: { content: 'b' } })).body.error.code,
      ).toBe('unknown_message');
      expect((await h.call('DELETE', `/messages/${m.id}`, { as: member })).status).toBe(404);
      await h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: owner });
    });
  });

  describe('typing', () => {
    it('204, publishes an ephemeral TYPING_START, stores nothing', async () => {
      const before = await h.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      h.ephemeral.length = 0;
      const res = await h.call('POST', `/channels/${cid}/typing`, { as: member });
      expect(res.status).toBe(204);
      expect(h.ephemeral).toEqual([
        {
          t: 'TYPING_START',
          server_id: sid,
          channel_id: cid,
          d: {
            channel_id: cid,
            server_id: sid,
            user_id: member.id,
            username: member.username,
            timestamp: expect.any(String),
          },
        },
      ]);
      const after = await h.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
      // an empty JSON body is fine too
      expect(
        (
          await h.call('POST', `/channels/${cid}/typing`, {
            as: owner,
            headers: { 'content-type': 'application/json' },
          })
        ).status,
      ).toBe(204);
    });

    it('needs SEND_MESSAGES (403) and VIEW_CHANNEL (404)', async () => {
      await setEveryone(Permissions.VIEW_CHANNEL);
      expect((await h.call('POST', `/channels/${cid}/typing`, { as: member })).body.error.code).toBe(
        'missing_permission',
      );
      await setEveryone(DEFAULT);
      expect((await h.call('POST', `/channels/${cid}/typing`, { as: stranger })).status).toBe(404);
      expect((await h.call('POST', `/channels/x/typing`, { as: member })).status).toBe(400);
    });
  });
});
