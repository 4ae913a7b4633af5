/**
 * IDOR: user B, with a valid token of their own, aims every id-taking route at A's server,
 * channels, messages, roles, invites and assets. A stranger gets 404 (nothing exists for them),
 * a plain member gets 403 on what needs a permission; neither ever gets A's data back, and A's
 * data is unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/client.ts';
import { buildWorld, expectError, startSystem, type TestSystem, type World } from './harness.ts';

type Call = [method: string, path: string, body?: unknown];

describe('IDOR on every id in every route', () => {
  let t: TestSystem;
  let w: World;

  beforeAll(async () => {
    t = await startSystem();
    w = await buildWorld(t.edge);
  });
  afterAll(async () => t?.close());

  /** Every route that takes an id, aimed at A's things (B's own ids where a route needs two). */
  const aimedAtA = (): Call[] => [
    ['GET', `/api/servers/${w.sid}`],
    ['PATCH', `/api/servers/${w.sid}`, { name: 'pwned' }],
    ['DELETE', `/api/servers/${w.sid}`],
    ['GET', `/api/servers/${w.sid}/channels`],
    ['POST', `/api/servers/${w.sid}/channels`, { name: 'pwned' }],
    ['PATCH', `/api/channels/${w.cid}`, { name: 'pwned' }],
    ['DELETE', `/api/channels/${w.cid}`],
    ['GET', `/api/channels/${w.cid}/messages`],
    ['GET', `/api/channels/${w.cid}/messages?before=${w.mid}&limit=100`],
    ['POST', `/api/channels/${w.cid}/messages`, { content: 'pwned' }],
    ['PATCH', `/api/messages/${w.mid}`, { content: 'pwned' }],
    ['DELETE', `/api/messages/${w.mid}`],
    ['POST', `/api/channels/${w.cid}/typing`],
    ['POST', `/api/servers/${w.sid}/invites`, {}],
    ['GET', `/api/servers/${w.sid}/members`],
    ['DELETE', `/api/servers/${w.sid}/members/${w.a.userId}`],
    ['GET', `/api/servers/${w.sid}/roles`],
    ['POST', `/api/servers/${w.sid}/roles`, { name: 'pwned', permissions: '8' }],
    ['PATCH', `/api/roles/${w.rid}`, { name: 'pwned' }],
    ['PATCH', `/api/roles/${w.sid}`, { permissions: '0' }], // A's @everyone (same id as the server)
    ['DELETE', `/api/roles/${w.rid}`],
    ['PUT', `/api/servers/${w.sid}/members/${w.a.userId}/roles/${w.rid}`],
    ['PUT', `/api/servers/${w.sid}/members/${w.b.userId}/roles/${w.rid}`],
    ['DELETE', `/api/servers/${w.sid}/members/${w.a.userId}/roles/${w.rid}`],
    ['PUT', `/api/channels/${w.cid}/overwrites/${w.b.userId}`, { type: 'member', allow: '1023' }],
    ['PUT', `/api/channels/${w.cid}/overwrites/${w.rid}`, { type: 'role', allow: '1023' }],
    ['DELETE', `/api/channels/${w.cid}/overwrites/${w.rid}`],
    ['GET', `/api/assets/${w.aid}`],
    ['POST', `/api/assets/${w.aid}/complete`],
    ['GET', `/api/users/${w.a.userId}`],
    ['GET', `/api/images/${w.aid}/64`],
    // mixing: B's own server or channel with A's role, member, message or asset
    ['PUT', `/api/servers/${w.bSid}/members/${w.b.userId}/roles/${w.rid}`],
    ['DELETE', `/api/servers/${w.bSid}/members/${w.b.userId}/roles/${w.rid}`],
    ['PUT', `/api/servers/${w.bSid}/members/${w.a.userId}/roles/${w.bRid}`],
    ['DELETE', `/api/servers/${w.bSid}/members/${w.a.userId}`],
    ['PUT', `/api/channels/${w.bCid}/overwrites/${w.rid}`, { type: 'role', allow: '1' }],
    ['POST', `/api/channels/${w.bCid}/messages`, { content: 'x', reply_to_id: w.mid }],
    ['POST', `/api/channels/${w.bCid}/messages`, { content: 'x', attachment_ids: [w.aid] }],
  ];

  const noLeak = (body: unknown) => {
    const text = JSON.stringify(body) ?? '';
    expect(text).not.toContain(w.secret);
    expect(text).not.toContain(w.mid);
    expect(text).not.toContain(w.cid);
  };

  it('a stranger gets 404 (or 400 for a foreign id in their own server), never data', async () => {
    for (const [method, path, body] of aimedAtA()) {
      const r = await api(t.edge, method, path, { token: w.b.access, body });
      expect(r.status, `${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(
        400,
      );
      expectError(r, [400, 403, 404]);
      if (!path.includes(w.bSid) && !path.includes(w.bCid)) expect(r.status, `${method} ${path}`).toBe(404);
      noLeak(r.body);
    }
  });

  it("B cannot revoke A's refresh token, and A's session survives everything above", async () => {
    await api(t.edge, 'POST', '/id/auth/logout', { token: w.b.access, body: { refresh_token: w.a.refresh } });
    const refreshed = await api<{ access_token: string; refresh_token: string }>(
      t.edge,
      'POST',
      '/id/auth/refresh',
      {
        body: { refresh_token: w.a.refresh },
      },
    );
    expect(refreshed.status).toBe(200);
    w.a.refresh = refreshed.body.refresh_token;
    await expectAIntact();
  });

  it('a plain member (joined by invite) gets 403 on everything that needs a permission', async () => {
    const join = await api(t.edge, 'POST', `/api/invites/${w.invite}/accept`, { token: w.b.access });
    expect(join.status).toBe(200);
    const managed: Call[] = [
      ['PATCH', `/api/servers/${w.sid}`, { name: 'pwned' }],
      ['DELETE', `/api/servers/${w.sid}`],
      ['POST', `/api/servers/${w.sid}/channels`, { name: 'pwned' }],
      ['PATCH', `/api/channels/${w.cid}`, { name: 'pwned' }],
      ['DELETE', `/api/channels/${w.cid}`],
      ['PATCH', `/api/messages/${w.mid}`, { content: 'pwned' }],
      ['DELETE', `/api/messages/${w.mid}`],
      ['DELETE', `/api/servers/${w.sid}/members/${w.a.userId}`],
      ['POST', `/api/servers/${w.sid}/roles`, { name: 'pwned', permissions: '8' }],
      ['PATCH', `/api/roles/${w.rid}`, { permissions: '8' }],
      ['PATCH', `/api/roles/${w.sid}`, { permissions: '8' }],
      ['DELETE', `/api/roles/${w.rid}`],
      ['PUT', `/api/servers/${w.sid}/members/${w.b.userId}/roles/${w.rid}`],
      ['DELETE', `/api/servers/${w.sid}/members/${w.a.userId}/roles/${w.rid}`],
      ['PUT', `/api/channels/${w.cid}/overwrites/${w.b.userId}`, { type: 'member', allow: '8' }],
      ['PUT', `/api/channels/${w.cid}/overwrites/${w.sid}`, { type: 'role', allow: '8' }],
      ['DELETE', `/api/channels/${w.cid}/overwrites/${w.sid}`],
    ];
    for (const [method, path, body] of managed) {
      const r = await api(t.edge, method, path, { token: w.b.access, body });
      expect(r.status, `${method} ${path} → ${JSON.stringify(r.body)}`).toBe(403);
      expectError(r, 403);
      noLeak(r.body);
    }
    // A's asset was never posted anywhere: still invisible to a fellow member
    expectError(await api(t.edge, 'GET', `/api/assets/${w.aid}`, { token: w.b.access }), 404);
    expectError(await api(t.edge, 'POST', `/api/assets/${w.aid}/complete`, { token: w.b.access }), 404);
    // ...and not attachable by anyone but its owner
    const attach = await api(t.edge, 'POST', `/api/channels/${w.cid}/messages`, {
      token: w.b.access,
      body: { content: 'x', attachment_ids: [w.aid] },
    });
    expectError(attach, [400, 404]);
    await expectAIntact();
  });

  it('a member who leaves loses access at once', async () => {
    expect(
      (await api(t.edge, 'DELETE', `/api/servers/${w.sid}/members/${w.b.userId}`, { token: w.b.access }))
        .status,
    ).toBe(204);
    for (const [method, path] of [
      ['GET', `/api/servers/${w.sid}`],
      ['GET', `/api/channels/${w.cid}/messages`],
      ['GET', `/api/servers/${w.sid}/members`],
    ] as const) {
      const r = await api(t.edge, method, path, { token: w.b.access });
      expectError(r, 404);
      noLeak(r.body);
    }
  });

  async function expectAIntact(): Promise<void> {
    const server = await api<{ name: string }>(t.edge, 'GET', `/api/servers/${w.sid}`, { token: w.a.access });
    expect(server.body.name).toBe(`${w.secret}-server`);
    const msgs = await api<{ messages: { id: string; content: string }[] }>(
      t.edge,
      'GET',
      `/api/channels/${w.cid}/messages`,
      {
        token: w.a.access,
      },
    );
    expect(msgs.body.messages.map((m) => m.content)).toEqual([`${w.secret}-msg`]);
    const roles = await api<{ roles: { id: string; name: string; permissions: string }[] }>(
      t.edge,
      'GET',
      `/api/servers/${w.sid}/roles`,
      { token: w.a.access },
    );
    expect(roles.body.roles.find((r) => r.id === w.rid)).toMatchObject({
      name: `${w.secret}-role`,
      permissions: '0',
    });
    const channels = await api<{ channels: { id: string; name: string }[] }>(
      t.edge,
      'GET',
      `/api/servers/${w.sid}/channels`,
      {
        token: w.a.access,
      },
    );
    // a new server starts with #general; A's own channel is still there, untouched
    expect(channels.body.channels.map((c) => c.name).sort()).toEqual(['general', `${w.secret}-chan`].sort());
    const members = await api<{ members: { user: { id: string }; roles: string[] }[] }>(
      t.edge,
      'GET',
      `/api/servers/${w.sid}/members`,
      { token: w.a.access },
    );
    for (const m of members.body.members) expect(m.roles).not.toContain(w.rid);
  }
});
