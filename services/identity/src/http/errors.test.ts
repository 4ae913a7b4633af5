/** Every Identity error path answers its status and code, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import {
  randomIp,
  signUp,
  startTestIdentity,
  uniqueUser,
  type Answer,
  type SignedUp,
  type TestIdentity,
} from '../test/identity-harness.ts';

function expectError(res: Answer, status: number, code: string, mentions?: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.body.error.message).toEqual(expect.any(String));
  if (mentions) expect(res.body.error.message).toContain(mentions);
}

describe.each(TEST_BACKENDS)('identity errors on %s', (backend) => {
  let id: TestIdentity;
  let u: SignedUp;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
    u = await signUp(id, 'err');
  });
  afterAll(async () => {
    await id?.close();
  });

  const loginToken = async (v: SignedUp): Promise<string> =>
    (await id.call('POST', '/auth/login', { body: { email: v.email, password: v.password }, ip: v.ip })).body
      .partial_token;

  describe('400 invalid_input names the field', () => {
    const good = () => uniqueUser('v');
    it.each([
      ['email missing', (b: Record<string, unknown>) => delete b.email, 'email'],
      ['email not an address', (b: Record<string, unknown>) => (b.email = 'alice.example.com'), 'email'],
      ['email with spaces', (b: Record<string, unknown>) => (b.email = 'al ice@example.com'), 'email'],
      ['username missing', (b: Record<string, unknown>) => delete b.username, 'username'],
      ['username too short', (b: Record<string, unknown>) => (b.username = 'a'), 'username'],
      ['username too long', (b: Record<string, unknown>) => (b.username = 'a'.repeat(33)), 'username'],
      ['username with bad characters', (b: Record<string, unknown>) => (b.username = 'al ice!'), 'username'],
      ['password missing', (b: Record<string, unknown>) => delete b.password, 'password'],
      ['password too short', (b: Record<string, unknown>) => (b.password = 'short7!'), 'password'],
      ['password not a string', (b: Record<string, unknown>) => (b.password = { a: 1 }), 'password'],
    ])('register: %s', async (_name, mutate, field) => {
      const body: Record<string, unknown> = good();
      mutate(body);
      expectError(
        await id.call('POST', '/auth/register', { body, ip: randomIp() }),
        400,
        'invalid_input',
        field,
      );
    });

    it('register: no body, and malformed JSON', async () => {
      expectError(await id.call('POST', '/auth/register', { ip: randomIp() }), 400, 'invalid_input');
      const res = await fetch(`${id.url}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
    });

    it('login: each field', async () => {
      expectError(
        await id.call('POST', '/auth/login', { body: { password: 'x' } }),
        400,
        'invalid_input',
        'email',
      );
      expectError(
        await id.call('POST', '/auth/login', { body: { email: u.email } }),
        400,
        'invalid_input',
        'password',
      );
    });

    it('2fa verify, recover: the code fields', async () => {
      const login = await id.call('POST', '/auth/login', {
        body: { email: u.email, password: u.password },
        ip: u.ip,
      });
      const token = login.body.partial_token;
      expectError(
        await id.call('POST', '/auth/2fa/verify', { token, body: {} }),
        400,
        'invalid_input',
        'code',
      );
      expectError(
        await id.call('POST', '/auth/2fa/verify', { token, body: { code: 'abcdef' } }),
        400,
        'invalid_input',
        'code',
      );
      expectError(
        await id.call('POST', '/auth/2fa/recover', { token, body: {} }),
        400,
        'invalid_input',
        'recovery_code',
      );
    });

    it('refresh, logout: refresh_token', async () => {
      expectError(
        await id.call('POST', '/auth/refresh', { body: {} }),
        400,
        'invalid_input',
        'refresh_token',
      );
      expectError(
        await id.call('POST', '/auth/logout', { token: u.access, body: {} }),
        400,
        'invalid_input',
        'refresh_token',
      );
    });

    it('DELETE /me: password and code', async () => {
      expectError(
        await id.call('DELETE', '/me', { token: u.access, body: { code: '123456' } }),
        400,
        'invalid_input',
        'password',
      );
      expectError(
        await id.call('DELETE', '/me', { token: u.access, body: { password: 'x' } }),
        400,
        'invalid_input',
        'code',
      );
    });
  });

  describe('401', () => {
    it('no token, a non-bearer header, and a bad token', async () => {
      expectError(await id.call('GET', '/me'), 401, 'missing_token');
      expectError(await id.call('POST', '/auth/2fa/setup'), 401, 'missing_token');
      expectError(
        await id.call('GET', '/me', { headers: { authorization: `Basic ${u.access}` } }),
        401,
        'missing_token',
      );
      expectError(await id.call('GET', '/me', { token: 'garbage' }), 401, 'invalid_token');
      const tampered = u.access.slice(0, -4) + (u.access.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expectError(await id.call('GET', '/me', { token: tampered }), 401, 'invalid_token');
    });

    it('a partial token on access calls', async () => {
      const token = u.partial;
      expectError(await id.call('GET', '/me', { token }), 401, 'access_token_required');
      expectError(await id.call('POST', '/auth/recovery/confirm', { token }), 401, 'access_token_required');
      expectError(
        await id.call('POST', '/auth/logout', { token, body: { refresh_token: u.refresh } }),
        401,
        'access_token_required',
      );
      expectError(await id.call('POST', '/auth/logout-all', { token }), 401, 'access_token_required');
      expectError(
        await id.call('DELETE', '/me', { token, body: { password: u.password, code: '123456' } }),
        401,
        'access_token_required',
      );
    });

    it('an access token on the 2FA calls', async () => {
      const token = u.access;
      expectError(await id.call('POST', '/auth/2fa/setup', { token }), 401, 'partial_token_required');
      expectError(
        await id.call('POST', '/auth/2fa/verify', { token, body: { code: '123456' } }),
        401,
        'partial_token_required',
      );
      expectError(
        await id.call('POST', '/auth/2fa/recover', { token, body: { recovery_code: 'x' } }),
        401,
        'partial_token_required',
      );
    });

    it('wrong email or wrong password: the same answer', async () => {
      const wrongPw = await id.call('POST', '/auth/login', {
        body: { email: u.email, password: 'not-the-password' },
        ip: randomIp(),
      });
      const noUser = await id.call('POST', '/auth/login', {
        body: { email: 'nobody@example.com', password: u.password },
        ip: randomIp(),
      });
      expectError(wrongPw, 401, 'invalid_credentials');
      expectError(noUser, 401, 'invalid_credentials');
      expect(noUser.body).toEqual(wrongPw.body);
    });

    it('a wrong TOTP code, then a used one', async () => {
      const v = await signUp(id, 'code');
      const login = await id.call('POST', '/auth/login', {
        body: { email: v.email, password: v.password },
        ip: v.ip,
      });
      const token = login.body.partial_token;
      const right = v.usedCode;
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      expectError(
        await id.call('POST', '/auth/2fa/verify', { token, body: { code: wrong }, ip: v.ip }),
        401,
        'invalid_code',
      );
      // signUp spent the current step
      expectError(
        await id.call('POST', '/auth/2fa/verify', { token, body: { code: right }, ip: v.ip }),
        401,
        'code_already_used',
      );
      expectError(
        await id.call('POST', '/auth/2fa/verify', {
          token,
          body: { code: totp(v.secret, Date.now(), -1) },
          ip: v.ip,
        }),
        401,
        'code_already_used',
      );
      const next = totp(v.secret, Date.now(), 1);
      expect(
        (await id.call('POST', '/auth/2fa/verify', { token, body: { code: next }, ip: v.ip })).status,
      ).toBe(200);
      // the same code with a fresh partial token (the first one is spent)
      const again = await id.call('POST', '/auth/2fa/verify', {
        token: await loginToken(v),
        body: { code: next },
        ip: v.ip,
      });
      expectError(again, 401, 'code_already_used');
    });
  });

  describe('403 on DELETE /me', () => {
    it('a wrong password, a wrong code or a used code leave the account in place', async () => {
      const v = await signUp(id, 'keep');
      const call = (password: string, code: string) =>
        id.call('DELETE', '/me', { token: v.access, body: { password, code }, ip: v.ip });
      expectError(await call('wrong-password', totp(v.secret, Date.now(), 1)), 403, 'invalid_password');
      expectError(
        await call(v.password, '000000' === totp(v.secret) ? '111111' : '000000'),
        403,
        'invalid_code',
      );
      expectError(await call(v.password, v.usedCode), 403, 'invalid_code'); // spent by signUp
      expectError(await call(v.password, 'aaaaa-bbbbb'), 403, 'invalid_code');
      expect((await id.call('GET', '/me', { token: v.access })).status).toBe(200);
    });
  });

  describe('409', () => {
    it('email and username taken, case-insensitively', async () => {
      const taken = await id.call('POST', '/auth/register', {
        body: {
          email: u.email.toUpperCase(),
          username: 'other_' + u.username.slice(0, 20),
          password: 'S3cretPass!',
        },
        ip: randomIp(),
      });
      expectError(taken, 409, 'email_taken');
      const name = await id.call('POST', '/auth/register', {
        body: { email: `x${u.email}`, username: u.username.toUpperCase(), password: 'S3cretPass!' },
        ip: randomIp(),
      });
      expectError(name, 409, 'username_taken');
    });

    it('concurrent registrations of one email: one wins, the rest get 409', async () => {
      const user = uniqueUser('race');
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          id.call('POST', '/auth/register', {
            body: { ...user, username: `${user.username.slice(0, 28)}_${i}` },
            ip: randomIp(),
          }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('email_taken');
    });

    it('2FA setup once enabled; verify before setup; recover before 2FA is on', async () => {
      expectError(
        await id.call('POST', '/auth/2fa/setup', { token: await loginToken(u) }),
        409,
        'twofa_already_enabled',
      );
      const user = uniqueUser('fresh');
      const ip = randomIp();
      await id.call('POST', '/auth/register', { body: user, ip });
      const login = await id.call('POST', '/auth/login', {
        body: { email: user.email, password: user.password },
        ip,
      });
      const token = login.body.partial_token;
      expectError(
        await id.call('POST', '/auth/2fa/verify', { token, body: { code: '123456' }, ip }),
        409,
        'twofa_not_set_up',
      );
      expectError(
        await id.call('POST', '/auth/2fa/recover', { token, body: { recovery_code: 'aaaaa-bbbbb' }, ip }),
        409,
        'twofa_not_enabled',
      );
    });
  });

  it('answers 404 in the error format for unknown routes', async () => {
    expectError(await id.call('GET', '/nope'), 404, 'unknown_route');
  });

  it('accepts a bodiless POST that still says application/json', async () => {
    const user = uniqueUser('empty');
    const ip = randomIp();
    await id.call('POST', '/auth/register', { body: user, ip });
    const login = await id.call('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
      ip,
    });
    const res = await id.call('POST', '/auth/2fa/setup', {
      token: login.body.partial_token,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
  });
});
