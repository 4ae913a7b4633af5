import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus, type SequencedRecord } from '@twopointo/bus';
import { MemoryCache } from '@twopointo/cache';
import { TEST_BACKENDS } from '@twopointo/db';
import { Permissions } from '@twopointo/shared';
import { buildOfficialApp } from '../app.ts';
import { SECRET, startHarness, type Harness, type TestUser } from '../test/official-harness.ts';

describe.each(TEST_BACKENDS)('durable events on %s', (backend) => {
  let h: Harness;
  let owner: TestUser;
  let member: TestUser;
  let sid: string;
  let cid: string;

  /** runs a write and returns the durable events it produced */
  async function eventsOf(write: () => Promise<{ status: number }>, status: number) {
    await h.drain();
    const res = await write();
    expect(res.status).toBe(status);
    return h.drain();
  }

  beforeAll(async () => {
    h = await startHarness(backend);
    owner = await h.user('owner');
    member = await h.user('member');
  });
  afterAll(() => h?.close());

  it('server create emits nothing; rename emits SERVER_UPDATE', async () => {
    let server: { id: string } | undefined;
    const created = await eventsOf(async () => {
      const r = await h.call('POST', '/servers', { as: owner, body: { name: 'Ev' } });
      server = r.body;
      return r;
    }, 201);
    expect(created).toEqual([]);
    sid = server!.id;
    const ev = await eventsOf(
      () => h.call('PATCH', `/servers/${sid}`, { as: owner, body: { name: 'Ev2' } }),
      200,
    );
    expect(ev).toEqual([
      {
        t: 'SERVER_UPDATE',
        server_id: sid,
        channel_id: undefined,
        d: { id: sid, name: 'Ev2', owner_id: owner.id, created_at: expect.any(String), icon_asset_id: null },
      },
    ]);
  });

  it('channel create (server-scoped), update and delete (channel-scoped)', async () => {
    let ev = await eventsOf(async () => {
      const r = await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'general' } });
      cid = r.body.id;
      return r;
    }, 201);
    expect(ev).toEqual([
      {
        t: 'CHANNEL_CREATE',
        server_id: sid,
        channel_id: undefined,
        d: {
          id: cid,
          server_id: sid,
          name: 'general',
          topic: null,
          position: 1,
          created_at: expect.any(String),
          last_message_id: null,
          type: 'text',
          parent_id: null,
        },
      },
    ]);
    ev = await eventsOf(() => h.call('PATCH', `/channels/${cid}`, { as: owner, body: { topic: 'hi' } }), 200);
    expect(ev).toEqual([
      {
        t: 'CHANNEL_UPDATE',
        server_id: sid,
        channel_id: cid,
        d: expect.objectContaining({ id: cid, topic: 'hi' }),
      },
    ]);
    const tmp = (await h.call('POST', `/servers/${sid}/channels`, { as: owner, body: { name: 'tmp' } })).body
      .id;
    ev = await eventsOf(() => h.call('DELETE', `/channels/${tmp}`, { as: owner }), 204);
    expect(ev).toEqual([
      { t: 'CHANNEL_DELETE', server_id: sid, channel_id: tmp, d: { id: tmp, server_id: sid } },
    ]);
  });

  it('invite create emits nothing; accept emits MEMBER_JOIN with the member', async () => {
    let code = '';
    expect(
      await eventsOf(async () => {
        const r = await h.call('POST', `/servers/${sid}/invites`, { as: owner });
        code = r.body.code;
        return r;
      }, 201),
    ).toEqual([]);
    const ev = await eventsOf(() => h.call('POST', `/invites/${code}/accept`, { as: member }), 200);
    expect(ev).toEqual([
      {
        t: 'MEMBER_JOIN',
        server_id: sid,
        channel_id: undefined,
        d: {
          server_id: sid,
          member: {
            user: expect.objectContaining({ id: member.id, username: member.username }),
            roles: [],
            joined_at: expect.any(String),
            status: 'offline',
            nick: null,
            communication_disabled_until: null,
          },
        },
      },
    ]);
    // accepting again as a member changes nothing and says nothing
    expect(await eventsOf(() => h.call('POST', `/invites/${code}/accept`, { as: member }), 200)).toEqual([]);
  });

  it('messages: create, update, delete carry the full message / ids, channel-scoped', async () => {
    let mid = '';
    let ev = await eventsOf(async () => {
      const r = await h.call('POST', `/channels/${cid}/messages`, {
        as: member,
        body: { content: 'Hello!' },
      });
      mid = r.body.id;
      expect(r.body).toBeTruthy();
      return r;
    }, 201);
    const listed = (await h.call('GET', `/channels/${cid}/messages`, { as: member })).body.messages[0];
    expect(ev).toEqual([{ t: 'MESSAGE_CREATE', server_id: sid, channel_id: cid, d: listed }]);
    ev = await eventsOf(
      () => h.call('PATCH', `/messages/${mid}`, { as: member, body: { content: 'Edited' } }),
      200,
    );
    const edited = (await h.call('GET', `/channels/${cid}/messages`, { as: member })).body.messages[0];
    expect(ev).toEqual([{ t: 'MESSAGE_UPDATE', server_id: sid, channel_id: cid, d: edited }]);
    expect(edited.edited_at).not.toBeNull();
    ev = await eventsOf(() => h.call('DELETE', `/messages/${mid}`, { as: member }), 204);
    expect(ev).toEqual([
      {
        t: 'MESSAGE_DELETE',
        server_id: sid,
        channel_id: cid,
        d: { id: mid, channel_id: cid, server_id: sid },
      },
    ]);
  });

  it('typing is ephemeral only', async () => {
    expect(await eventsOf(() => h.call('POST', `/channels/${cid}/typing`, { as: member }), 204)).toEqual([]);
  });

  it('roles: ROLE_CREATE/UPDATE/DELETE, assignments MEMBER_UPDATE, with PERMISSIONS_UPDATE when access may change', async () => {
    const perm = { t: 'PERMISSIONS_UPDATE', server_id: sid, channel_id: undefined, d: { server_id: sid } };
    const types = (evs: { t: string }[]) => evs.map((e) => e.t);
    let rid = '';
    let evs = await eventsOf(async () => {
      const r = await h.call('POST', `/servers/${sid}/roles`, {
        as: owner,
        body: { name: 'mod', permissions: String(Permissions.KICK_MEMBERS) },
      });
      rid = r.body.id;
      return r;
    }, 201);
    expect(evs[0]).toEqual({
      t: 'ROLE_CREATE',
      server_id: sid,
      channel_id: undefined,
      d: { server_id: sid, role: expect.objectContaining({ id: rid, name: 'mod', position: 1 }) },
    });
    expect(evs.at(-1)).toEqual(perm);
    // a colour change is not an access change
    evs = await eventsOf(
      () => h.call('PATCH', `/roles/${rid}`, { as: owner, body: { color: 0xff0000 } }),
      200,
    );
    expect(evs).toEqual([
      {
        t: 'ROLE_UPDATE',
        server_id: sid,
        channel_id: undefined,
        d: { server_id: sid, role: expect.objectContaining({ id: rid, color: 0xff0000 }) },
      },
    ]);
    evs = await eventsOf(
      () => h.call('PATCH', `/roles/${rid}`, { as: owner, body: { permissions: '0' } }),
      200,
    );
    expect(types(evs)).toEqual(['ROLE_UPDATE', 'PERMISSIONS_UPDATE']);
    evs = await eventsOf(
      () => h.call('PUT', `/servers/${sid}/members/${member.id}/roles/${rid}`, { as: owner }),
      204,
    );
    expect(evs[0]).toEqual({
      t: 'MEMBER_UPDATE',
      server_id: sid,
      channel_id: undefined,
      d: { server_id: sid, member: expect.objectContaining({ roles: [rid] }) },
    });
    expect(evs[1]).toEqual(perm);
    // already assigned: nothing changed, nothing said
    expect(
      await eventsOf(
        () => h.call('PUT', `/servers/${sid}/members/${member.id}/roles/${rid}`, { as: owner }),
        204,
      ),
    ).toEqual([]);
    evs = await eventsOf(
      () => h.call('DELETE', `/servers/${sid}/members/${member.id}/roles/${rid}`, { as: owner }),
      204,
    );
    expect(types(evs)).toEqual(['MEMBER_UPDATE', 'PERMISSIONS_UPDATE']);
    expect(await eventsOf(() => h.call('DELETE', `/roles/${rid}`, { as: owner }), 204)).toEqual([
      { t: 'ROLE_DELETE', server_id: sid, channel_id: undefined, d: { server_id: sid, role_id: rid } },
      perm,
    ]);
  });

  it('overwrites emit PERMISSIONS_UPDATE {server_id, channel_id}, channel-scoped', async () => {
    const perm = [
      { t: 'PERMISSIONS_UPDATE', server_id: sid, channel_id: cid, d: { server_id: sid, channel_id: cid } },
    ];
    expect(
      await eventsOf(
        () =>
          h.call('PUT', `/channels/${cid}/overwrites/${member.id}`, {
            as: owner,
            body: { type: 'member', allow: '0', deny: '2' },
          }),
        200,
      ),
    ).toEqual(perm);
    expect(
      await eventsOf(() => h.call('DELETE', `/channels/${cid}/overwrites/${member.id}`, { as: owner }), 204),
    ).toEqual(perm);
  });

  it('refused and invalid writes emit nothing and leave no outbox row', async () => {
    const before = await h.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(
      await eventsOf(() => h.call('PATCH', `/servers/${sid}`, { as: member, body: { name: 'x' } }), 403),
    ).toEqual([]);
    expect(
      await eventsOf(
        () => h.call('POST', `/channels/${cid}/messages`, { as: member, body: { content: '' } }),
        400,
      ),
    ).toEqual([]);
    expect(await eventsOf(() => h.call('DELETE', `/messages/1`, { as: member }), 404)).toEqual([]);
    const after = await h.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('leave and kick emit MEMBER_LEAVE; server delete emits SERVER_DELETE', async () => {
    const ev = await eventsOf(
      () => h.call('DELETE', `/servers/${sid}/members/${member.id}`, { as: member }),
      204,
    );
    expect(ev).toEqual([
      { t: 'MEMBER_LEAVE', server_id: sid, channel_id: undefined, d: { server_id: sid, user_id: member.id } },
    ]);
    const code = (await h.call('POST', `/servers/${sid}/invites`, { as: owner })).body.code;
    await h.call('POST', `/invites/${code}/accept`, { as: member });
    await h.drain();
    const kick = await eventsOf(
      () => h.call('DELETE', `/servers/${sid}/members/${member.id}`, { as: owner }),
      204,
    );
    expect(kick).toEqual([
      { t: 'MEMBER_LEAVE', server_id: sid, channel_id: undefined, d: { server_id: sid, user_id: member.id } },
    ]);
    const del = await eventsOf(() => h.call('DELETE', `/servers/${sid}`, { as: owner }), 204);
    expect(del).toEqual([{ t: 'SERVER_DELETE', server_id: sid, channel_id: undefined, d: { id: sid } }]);
  });

  it('without a relay given, the app runs its own: events reach the bus right after the commit', async () => {
    const bus = new MemoryBus();
    const cache = new MemoryCache();
    const app = await buildOfficialApp({ config: h.config, database: h.database, bus, cache });
    const seen: SequencedRecord[] = [];
    bus.subscribe((r) => seen.push(r));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const headers = {
        'x-internal-secret': SECRET,
        'x-user-id': owner.id,
        'content-type': 'application/json',
      };
      const s = await (
        await fetch(`${url}/servers`, { method: 'POST', headers, body: JSON.stringify({ name: 'R' }) })
      ).json();
      await fetch(`${url}/servers/${s.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ name: 'R2' }),
      });
      const deadline = Date.now() + 5000;
      while (!seen.some((r) => r.t === 'SERVER_UPDATE' && r.server_id === s.id) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(seen.filter((r) => r.server_id === s.id).map((r) => r.t)).toEqual(['SERVER_UPDATE']);
    } finally {
      await app.close();
      await cache.close();
    }
  });
});
