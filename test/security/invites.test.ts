/** Invite abuse: expired and used-up codes, a race for the last use, guessing, bad parameters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@twopointo/db';
import { api, signUp, type Session } from '../helpers/client.ts';
import { buildWorld, expectError, startSystem, type TestSystem, type World } from './harness.ts';

describe('invite abuse', () => {
  let t: TestSystem;
  let w: World;
  let others: Session[];

  beforeAll(async () => {
    t = await startSystem({ env: { RATE_LIMITS: 'off' } });
    w = await buildWorld(t.edge);
    others = await Promise.all(Array.from({ length: 6 }, () => signUp(t.edge)));
  });
  afterAll(async () => t?.close());

  const invite = async (body: unknown) => {
    const r = await api<{ code: string }>(t.edge, 'POST', `/api/servers/${w.sid}/invites`, {
      token: w.a.access,
      body,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.code;
  };
  const accept = (code: string, s: Session) =>
    api(t.edge, 'POST', `/api/invites/${code}/accept`, { token: s.access });
  const memberIds = async () =>
    (
      await api<{ members: { user: { id: string } }[] }>(t.edge, 'GET', `/api/servers/${w.sid}/members`, {
        token: w.a.access,
      })
    ).body.members.map((m) => m.user.id);

  it('an expired invite can be neither previewed nor accepted', async () => {
    const code = await invite({ expires_in: 60 });
    expect((await api(t.edge, 'GET', `/api/invites/${code}`, { token: w.b.access })).status).toBe(200);
    // the shortest lifetime is a minute: let that minute pass in the database
    await sql`update invites set expires_at = now() - interval '1 second' where code = ${code}`.execute(
      t.sys.database.db,
    );
    expectError(await api(t.edge, 'GET', `/api/invites/${code}`, { token: w.b.access }), 404);
    expectError(await accept(code, w.b), 404);
    expect(await memberIds()).not.toContain(w.b.userId);
  });

  it('a used-up invite is refused; a member following it again costs no use', async () => {
    const code = await invite({ max_uses: 1 });
    expect((await accept(code, others[0]!)).status).toBe(200);
    expect((await accept(code, others[0]!)).status).toBe(200); // already a member: lands in the server
    expectError(await accept(code, others[1]!), 404);
    expectError(await api(t.edge, 'GET', `/api/invites/${code}`, { token: others[1]!.access }), 404);
    // leaving and coming back does not resurrect it
    expect(
      (
        await api(t.edge, 'DELETE', `/api/servers/${w.sid}/members/${others[0]!.userId}`, {
          token: others[0]!.access,
        })
      ).status,
    ).toBe(204);
    expectError(await accept(code, others[0]!), 404);
  });

  it('racing for the last uses: exactly max_uses users get in', async () => {
    const code = await invite({ max_uses: 2 });
    const racers = others.slice(1);
    const answers = await Promise.all(racers.map((s) => accept(code, s)));
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(2);
    for (const r of answers.filter((r) => r.status !== 200)) expectError(r, 404);
    const members = await memberIds();
    expect(racers.filter((s) => members.includes(s.userId))).toHaveLength(2);
  });

  it('guessed codes and bad invite parameters are refused', async () => {
    for (const code of ['AAAAAAAA', 'a', 'x'.repeat(300), '../servers', '%00', '1', w.sid]) {
      const r = await api(t.edge, 'POST', `/api/invites/${encodeURIComponent(code)}/accept`, {
        token: w.b.access,
      });
      expectError(r, [400, 404, 414]);
    }
    // malformed escapes are refused by the router itself: still in the error format
    for (const raw of ['%E0%A4%A', '%', '%zz', '%C0%AF']) {
      expectError(await api(t.edge, 'POST', `/api/invites/${raw}/accept`, { token: w.b.access }), [400, 404]);
      expectError(await api(t.edge, 'GET', `/api/servers/${raw}`, { token: w.b.access }), [400, 404]);
    }
    for (const body of [
      // 0 is Discord's "unlimited"; above 1000 is refused
      { max_uses: 1001 },
      { max_uses: -1 },
      { max_uses: 1.5 },
      { max_uses: 1e9 },
      { max_uses: '1' },
      { expires_in: -5 },
      { expires_in: 1 },
      { expires_in: 'soon' },
      { expires_in: 1e12 },
    ]) {
      expectError(
        await api(t.edge, 'POST', `/api/servers/${w.sid}/invites`, { token: w.a.access, body }),
        400,
      );
    }
    // a preview tells a stranger the server's name and size only
    const preview = await api<Record<string, unknown>>(t.edge, 'GET', `/api/invites/${w.invite}`, {
      token: w.b.access,
    });
    expect(preview.status).toBe(200);
    expect(Object.keys(preview.body).sort()).toEqual(['code', 'member_count', 'server']);
    expect(Object.keys(preview.body.server as object).sort()).toEqual(['icon_asset_id', 'id', 'name']);
  });
});
