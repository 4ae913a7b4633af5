/** GET /sessions and DELETE /sessions/:id: the caller's signed-in devices, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { newId } from '@twopointo/shared';
import { signInAgain, signUp, startTestIdentity, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('devices on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  }, 120_000);
  afterAll(async () => {
    await id?.close();
  });

  it('lists live sessions with their user agent, newest activity first, and marks the current one', async () => {
    const u = await signUp(id, 'dev');
    const phone = await signInAgain(id, u, 'Phone/1.0 (test)');
    const list = await id.call('GET', '/sessions', { token: phone.access });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    const [first, second] = list.body.sessions;
    expect(first).toMatchObject({ user_agent: 'Phone/1.0 (test)', current: true });
    expect(second).toMatchObject({ current: false });
    for (const s of list.body.sessions) {
      expect(Date.parse(s.last_used_at)).toBeGreaterThanOrEqual(Date.parse(s.created_at));
    }
    // a refresh keeps the session (same id), moves last_used_at and keeps the user agent
    const refreshed = await id.call('POST', '/auth/refresh', { body: { refresh_token: phone.refresh } });
    const again = await id.call('GET', '/sessions', { token: refreshed.body.access_token });
    expect(again.body.sessions).toHaveLength(2);
    const same = again.body.sessions.find((s: { id: string }) => s.id === first.id);
    expect(same).toMatchObject({
      user_agent: 'Phone/1.0 (test)',
      current: true,
      created_at: first.created_at,
    });
    expect(Date.parse(same.last_used_at)).toBeGreaterThanOrEqual(Date.parse(first.last_used_at));
  });

  it('signs one device out: its refresh token dies, the others live; twice or foreign is 404', async () => {
    const u = await signUp(id, 'dev');
    const tablet = await signInAgain(id, u, 'Tablet/2.0');
    const sessions = (await id.call('GET', '/sessions', { token: u.access })).body.sessions;
    const tabletSession = sessions.find((s: { current: boolean }) => !s.current);
    const out = await id.call('DELETE', `/sessions/${tabletSession.id}`, { token: u.access });
    expect(out.status).toBe(204);
    const dead = await id.call('POST', '/auth/refresh', { body: { refresh_token: tablet.refresh } });
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('refresh_token_revoked');
    expect((await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status).toBe(200);
    const left = (await id.call('GET', '/sessions', { token: u.access })).body.sessions;
    expect(left.map((s: { id: string }) => s.id)).not.toContain(tabletSession.id);

    const twice = await id.call('DELETE', `/sessions/${tabletSession.id}`, { token: u.access });
    expect(twice.status).toBe(404);
    expect(twice.body.error.code).toBe('unknown_session');
    // someone else's session reads as unknown and stays alive
    const mallory = await signUp(id, 'mal');
    const own = left[0].id;
    const foreign = await id.call('DELETE', `/sessions/${own}`, { token: mallory.access });
    expect(foreign.status).toBe(404);
    expect(
      (await id.call('GET', '/sessions', { token: u.access })).body.sessions.map((s: { id: string }) => s.id),
    ).toContain(own);
    expect((await id.call('DELETE', `/sessions/${newId()}`, { token: u.access })).status).toBe(404);
    const bad = await id.call('DELETE', '/sessions/abc', { token: u.access });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
  });

  it('needs an access token', async () => {
    expect((await id.call('GET', '/sessions')).status).toBe(401);
    expect((await id.call('DELETE', `/sessions/${newId()}`)).status).toBe(401);
  });
});
