/** Sessions over HTTP: login, refresh-token rotation and expiry, logout, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import { signUp, startTestIdentity, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('sessions on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  });
  afterAll(async () => {
    await id?.close();
  });

  it('login is case-insensitive on email and says 2fa_verify once 2FA is on', async () => {
    const u = await signUp(id);
    const login = await id.call('POST', '/auth/login', {
      body: { email: u.email.toUpperCase(), password: u.password },
      ip: u.ip,
    });
    expect(login.status).toBe(200);
    expect(login.body.next).toBe('2fa_verify');
  });

  it('rotates refresh tokens; a reused one revokes its whole family', async () => {
    const u = await signUp(id);
    const r1 = await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(r1.body.recovery_codes).toBeUndefined();
    expect(r1.body.refresh_token).not.toBe(u.refresh);
    expect((await id.call('GET', '/me', { token: r1.body.access_token })).status).toBe(200);

    const reuse = await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('refresh_token_reused');
    // the thief's copy is dead, and so is the legitimate newest token of that family
    const newest = await id.call('POST', '/auth/refresh', { body: { refresh_token: r1.body.refresh_token } });
    expect(newest.status).toBe(401);
    expect(newest.body.error.code).toBe('refresh_token_revoked');

    const unknown = await id.call('POST', '/auth/refresh', { body: { refresh_token: 'x'.repeat(43) } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_refresh_token');
  });

  it('refuses an expired refresh token', async () => {
    const u = await signUp(id);
    await id.database.db
      .updateTable('refresh_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', u.id)
      .execute();
    const res = await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('refresh_token_expired');
  });

  it('logout revokes that session only; logout-all revokes every session', async () => {
    const u = await signUp(id);
    const login = await id.call('POST', '/auth/login', {
      body: { email: u.email, password: u.password },
      ip: u.ip,
    });
    const second = await id.call('POST', '/auth/2fa/verify', {
      token: login.body.partial_token,
      body: { code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(second.status).toBe(200);

    const out = await id.call('POST', '/auth/logout', {
      token: u.access,
      body: { refresh_token: u.refresh },
    });
    expect(out.status).toBe(204);
    expect(
      (await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).body.error.code,
    ).toBe('refresh_token_revoked');
    const other = await id.call('POST', '/auth/refresh', {
      body: { refresh_token: second.body.refresh_token },
    });
    expect(other.status).toBe(200);

    // someone else's token is left alone
    const v = await signUp(id);
    expect(
      (await id.call('POST', '/auth/logout', { token: u.access, body: { refresh_token: v.refresh } })).status,
    ).toBe(204);
    expect((await id.call('POST', '/auth/refresh', { body: { refresh_token: v.refresh } })).status).toBe(200);

    expect((await id.call('POST', '/auth/logout-all', { token: u.access })).status).toBe(204);
    const after = await id.call('POST', '/auth/refresh', {
      body: { refresh_token: other.body.refresh_token },
    });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('refresh_token_revoked');
  });
});
