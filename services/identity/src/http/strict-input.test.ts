/** Every field of every Identity route refuses a wrong JSON type (no coercion), on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { signUp, startTestIdentity, type SignedUp, type TestIdentity } from '../test/identity-harness.ts';

/** Each route with a schema, a valid body for it, and the token it needs (Identity has no query or path parameters). */
const ROUTES: { method: string; path: string; body: Record<string, string>; token?: 'access' | 'partial' }[] =
  [
    {
      method: 'POST',
      path: '/auth/register',
      body: { email: 'strict@example.com', username: 'strict_user', password: 'S3cretPass!' },
    },
    { method: 'POST', path: '/auth/login', body: { email: 'strict@example.com', password: 'S3cretPass!' } },
    { method: 'POST', path: '/auth/2fa/verify', body: { code: '123456' }, token: 'partial' },
    { method: 'POST', path: '/auth/2fa/recover', body: { recovery_code: 'aaaaa-bbbbb' }, token: 'partial' },
    { method: 'POST', path: '/auth/refresh', body: { refresh_token: 'x'.repeat(43) } },
    { method: 'POST', path: '/auth/logout', body: { refresh_token: 'x'.repeat(43) }, token: 'access' },
    { method: 'DELETE', path: '/me', body: { password: 'S3cretPass!', code: '123456' }, token: 'access' },
    // display_name, about and avatar_asset_id take null (they clear the field)
    { method: 'PATCH', path: '/me', body: { username: 'strict_renamed' }, token: 'access' },
    {
      method: 'POST',
      path: '/me/password',
      body: { password: 'S3cretPass!', new_password: 'N3wPass!!' },
      token: 'access',
    },
    { method: 'POST', path: '/me/recovery-codes', body: { code: '123456' }, token: 'access' },
    { method: 'POST', path: '/password-reset', body: { email: 'strict@example.com' } },
    {
      method: 'POST',
      path: '/password-reset/confirm',
      body: { token: 'x'.repeat(43), new_password: 'N3wPass!!', code: '123456' },
    },
  ];

/** What a lenient validator would turn into a string: numbers, booleans, null, one-element arrays. */
const WRONG: [string, unknown][] = [
  ['a number', 5],
  ['a boolean', true],
  ['null', null],
  ['a one-element array', ['123456']],
  ['an object', { value: '123456' }],
];

const CASES = ROUTES.flatMap((r) =>
  Object.keys(r.body).flatMap((field) =>
    WRONG.map(([what, value]) => ({
      ...r,
      field,
      what,
      value,
      name: `${r.method} ${r.path} ${field} as ${what}`,
    })),
  ),
);

describe.each(TEST_BACKENDS)('strict input on %s', (backend) => {
  let id: TestIdentity;
  let u: SignedUp;
  let partial: string;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
    u = await signUp(id, 'strict');
    const login = await id.call('POST', '/auth/login', {
      body: { email: u.email, password: u.password },
      ip: u.ip,
    });
    partial = login.body.partial_token;
  });
  afterAll(async () => {
    await id?.close();
  });

  it.each(CASES)('$name → 400 invalid_input naming body.$field', async (c) => {
    const token = c.token === 'access' ? u.access : c.token === 'partial' ? partial : undefined;
    const res = await id.call(c.method, c.path, { token, ip: u.ip, body: { ...c.body, [c.field]: c.value } });
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({
      status: 400,
      code: 'invalid_input',
    });
    expect(res.body.error.message).toContain(`body.${c.field}`);
  });

  it('the issue’s example: {"refresh_token":5} to logout is refused and the session lives on', async () => {
    const res = await id.call('POST', '/auth/logout', { token: u.access, body: { refresh_token: 5 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    expect((await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status).toBe(200);
  });

  /** sent as raw text: JSON.stringify of an object literal would drop the key */
  const raw = (path: string, body: string) =>
    fetch(id.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
      async (res) => ({
        status: res.status,
        body: (await res.json()) as { error: { code: string; message: string } },
      }),
    );

  it.each([
    ['at the top', '/auth/refresh', '{"refresh_token":"x","__proto__":{"admin":true}}'],
    ['nested', '/auth/login', '{"email":"a@example.com","password":{"__proto__":{"admin":true}}}'],
  ])('a "__proto__" key %s: 400 naming the key, not "not valid JSON"', async (_where, path, body) => {
    const res = await raw(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'invalid_input',
      message: 'body: "__proto__" is not allowed as a key',
    });
  });

  it('broken JSON is still "not valid JSON"', async () => {
    const res = await raw('/auth/refresh', '{"refresh_token":');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });
});
