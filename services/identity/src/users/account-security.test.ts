/** POST /me/password and POST /me/recovery-codes, and deleting the account with a TOTP code, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import { signInAgain, signUp, startTestIdentity, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('account security on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  }, 120_000);
  afterAll(async () => {
    await id?.close();
  });

  const login = (email: string, password: string, ip: string) =>
    id.call('POST', '/auth/login', { body: { email, password }, ip });

  it('changes the password: the old one stops working, other sessions are revoked, the current one stays', async () => {
    const u = await signUp(id, 'pw');
    const other = await signInAgain(id, u, 'Other/1');
    const res = await id.call('POST', '/me/password', {
      token: u.access,
      body: { password: u.password, new_password: 'Brand-new-pass' },
      ip: u.ip,
    });
    expect(res.status).toBe(204);
    expect((await login(u.email, u.password, u.ip)).status).toBe(401);
    expect((await login(u.email, 'Brand-new-pass', u.ip)).status).toBe(200);
    const dead = await id.call('POST', '/auth/refresh', { body: { refresh_token: other.refresh } });
    expect(dead.body.error.code).toBe('refresh_token_revoked');
    expect((await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status).toBe(200);
  });

  it('refuses a wrong current password (403 invalid_password) and a short new one (400), changing nothing', async () => {
    const u = await signUp(id, 'pw');
    const wrong = await id.call('POST', '/me/password', {
      token: u.access,
      body: { password: 'not-my-password', new_password: 'Brand-new-pass' },
      ip: u.ip,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('invalid_password');
    const short = await id.call('POST', '/me/password', {
      token: u.access,
      body: { password: u.password, new_password: 'short' },
      ip: u.ip,
    });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('invalid_input');
    expect((await login(u.email, u.password, u.ip)).status).toBe(200);
    expect(
      (await id.call('POST', '/me/password', { body: { password: 'x', new_password: 'yyyyyyyy' } })).status,
    ).toBe(401);
  });

  it('wrong current passwords count against the login limit (429)', async () => {
    const limited = await startTestIdentity(backend, {
      database: id.database,
      overrides: { RATE_LIMITS: 'on', LOGIN_RATE_LIMIT: '2/15m' },
    });
    try {
      const u = await signUp(limited, 'pwl');
      const attempt = () =>
        limited.call('POST', '/me/password', {
          token: u.access,
          body: { password: 'wrong-wrong', new_password: 'Brand-new-pass' },
          ip: u.ip,
        });
      expect((await attempt()).status).toBe(403);
      expect((await attempt()).status).toBe(403);
      expect((await attempt()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('new recovery codes for a TOTP code: shown once, the old unused ones stop working, the new ones work', async () => {
    const u = await signUp(id, 'rc');
    const res = await id.call('POST', '/me/recovery-codes', {
      token: u.access,
      body: { code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(res.status).toBe(200);
    expect(res.body.recovery_codes).toHaveLength(10);
    expect(new Set(res.body.recovery_codes).size).toBe(10);
    const stale = await login(u.email, u.password, u.ip);
    const old = await id.call('POST', '/auth/2fa/recover', {
      token: stale.body.partial_token,
      body: { recovery_code: u.recoveryCodes[0] },
      ip: u.ip,
    });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('invalid_recovery_code');
    const fresh = await login(u.email, u.password, u.ip);
    const ok = await id.call('POST', '/auth/2fa/recover', {
      token: fresh.body.partial_token,
      body: { recovery_code: res.body.recovery_codes[0] },
      ip: u.ip,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a wrong, a replayed or a recovery code for new codes (403 invalid_code); the old codes stay', async () => {
    const u = await signUp(id, 'rc');
    const call = (code: string) =>
      id.call('POST', '/me/recovery-codes', { token: u.access, body: { code }, ip: u.ip });
    const wrongCode = totp(u.secret, Date.now(), 1) === '000000' ? '111111' : '000000';
    for (const code of [wrongCode, u.usedCode, u.recoveryCodes[0]!]) {
      const res = await call(code);
      expect(res.status, code).toBe(403);
      expect(res.body.error.code).toBe('invalid_code');
    }
    const stale = await login(u.email, u.password, u.ip);
    const old = await id.call('POST', '/auth/2fa/recover', {
      token: stale.body.partial_token,
      body: { recovery_code: u.recoveryCodes[1] },
      ip: u.ip,
    });
    expect(old.status).toBe(200);
    expect((await id.call('POST', '/me/recovery-codes', { body: { code: '123456' } })).status).toBe(401);
  });

  it('wrong codes for new recovery codes count against the 2FA limit (429)', async () => {
    const limited = await startTestIdentity(backend, {
      database: id.database,
      overrides: { RATE_LIMITS: 'on', TWOFA_RATE_LIMIT: '2/5m' },
    });
    try {
      const u = await signUp(limited, 'rcl');
      const attempt = () =>
        limited.call('POST', '/me/recovery-codes', { token: u.access, body: { code: 'zzzzzz' }, ip: u.ip });
      expect((await attempt()).status).toBe(403);
      expect((await attempt()).status).toBe(403);
      const third = await attempt();
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('deletes the account with the password and a TOTP code (the web’s way)', async () => {
    const u = await signUp(id, 'del');
    const res = await id.call('DELETE', '/me', {
      token: u.access,
      body: { password: u.password, code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(res.status).toBe(204);
    expect((await login(u.email, u.password, u.ip)).status).toBe(401);
  });
});
