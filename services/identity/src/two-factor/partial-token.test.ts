/** A partial token starts one session at most, also across instances; recovery codes are made once, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import {
  signUp,
  startTestIdentity,
  type Answer,
  type SignedUp,
  type TestIdentity,
} from '../test/identity-harness.ts';

function expectSpent(res: Answer): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({
    status: 401,
    code: 'partial_token_used',
  });
}

describe.each(TEST_BACKENDS)('partial tokens on %s', (backend) => {
  let id: TestIdentity;
  /** a second instance on the same database, as behind a load balancer */
  let other: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
    other = await startTestIdentity(backend, { database: id.database });
  });
  afterAll(async () => {
    await other?.close();
    await id?.close();
  });

  const login = async (u: SignedUp): Promise<string> => {
    const res = await id.call('POST', '/auth/login', {
      body: { email: u.email, password: u.password },
      ip: u.ip,
    });
    expect(res.status).toBe(200);
    return res.body.partial_token;
  };
  const sessionsOf = async (u: SignedUp): Promise<number> =>
    (await id.database.db.selectFrom('refresh_tokens').select('id').where('user_id', '=', u.id).execute())
      .length;

  it('after a verify the token is refused everywhere, with a later valid code too, on another instance too', async () => {
    const u = await signUp(id, 'spent');
    // signUp's own partial token was spent by its verify
    expectSpent(
      await id.call('POST', '/auth/2fa/verify', {
        token: u.partial,
        body: { code: totp(u.secret, Date.now(), 1) },
        ip: u.ip,
      }),
    );
    const before = await sessionsOf(u);
    expectSpent(
      await other.call('POST', '/auth/2fa/verify', {
        token: u.partial,
        body: { code: totp(u.secret, Date.now(), 1) },
        ip: u.ip,
      }),
    );
    expectSpent(
      await other.call('POST', '/auth/2fa/recover', {
        token: u.partial,
        body: { recovery_code: u.recoveryCodes[0] },
        ip: u.ip,
      }),
    );
    expectSpent(await other.call('POST', '/auth/2fa/setup', { token: u.partial, ip: u.ip }));
    expect(await sessionsOf(u)).toBe(before);
    // the refused recovery code was not spent
    const fresh = await login(u);
    const ok = await id.call('POST', '/auth/2fa/recover', {
      token: fresh,
      body: { recovery_code: u.recoveryCodes[0] },
      ip: u.ip,
    });
    expect(ok.status).toBe(200);
  });

  it('after a recover the token is refused, and another recovery code stays unused', async () => {
    const u = await signUp(id, 'rec');
    const partial = await login(u);
    const first = await id.call('POST', '/auth/2fa/recover', {
      token: partial,
      body: { recovery_code: u.recoveryCodes[1] },
      ip: u.ip,
    });
    expect(first.status).toBe(200);
    expectSpent(
      await other.call('POST', '/auth/2fa/recover', {
        token: partial,
        body: { recovery_code: u.recoveryCodes[2] },
        ip: u.ip,
      }),
    );
    expectSpent(
      await id.call('POST', '/auth/2fa/verify', {
        token: partial,
        body: { code: totp(u.secret, Date.now(), 1) },
        ip: u.ip,
      }),
    );
    const again = await id.call('POST', '/auth/2fa/recover', {
      token: await login(u),
      body: { recovery_code: u.recoveryCodes[2] },
      ip: u.ip,
    });
    expect(again.status).toBe(200);
  });

  it('a wrong code does not spend the token', async () => {
    const u = await signUp(id, 'wrong');
    const partial = await login(u);
    const right = totp(u.secret, Date.now(), 1);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const bad = await id.call('POST', '/auth/2fa/verify', {
      token: partial,
      body: { code: wrong },
      ip: u.ip,
    });
    expect(bad.body.error.code).toBe('invalid_code');
    const good = await id.call('POST', '/auth/2fa/verify', {
      token: partial,
      body: { code: right },
      ip: u.ip,
    });
    expect(good.status).toBe(200);
  });

  it('a verify and a recover racing with one token on two instances: one session', async () => {
    const u = await signUp(id, 'race');
    const partial = await login(u);
    const before = await sessionsOf(u);
    // two different second factors, so only the partial token can refuse one of them
    const [a, b] = await Promise.all([
      id.call('POST', '/auth/2fa/verify', {
        token: partial,
        body: { code: totp(u.secret, Date.now(), 1) },
        ip: u.ip,
      }),
      other.call('POST', '/auth/2fa/recover', {
        token: partial,
        body: { recovery_code: u.recoveryCodes[4] },
        ip: u.ip,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    expect([a, b].find((r) => r.status === 401)?.body.error.code).toBe('partial_token_used');
    expect(await sessionsOf(u)).toBe(before + 1);
  });

  it('unconfirmed recovery codes are not replaced by a later sign-in', async () => {
    const u = await signUp(id, 'keep');
    expect(u.recoveryCodes).toHaveLength(10);
    const verify = await id.call('POST', '/auth/2fa/verify', {
      token: await login(u),
      body: { code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(verify.status).toBe(200);
    expect(verify.body.recovery_codes).toBeUndefined();
    const recovered = await id.call('POST', '/auth/2fa/recover', {
      token: await login(u),
      body: { recovery_code: u.recoveryCodes[9] },
      ip: u.ip,
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.recovery_codes).toBeUndefined();
  });
});
