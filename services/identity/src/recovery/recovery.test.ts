/** Recovery codes over HTTP: shown once when 2FA is turned on, spent once, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import { signUp, startTestIdentity, type SignedUp, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('recovery codes on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  });
  afterAll(async () => {
    await id?.close();
  });

  const login = async (u: SignedUp): Promise<string> =>
    (await id.call('POST', '/auth/login', { body: { email: u.email, password: u.password }, ip: u.ip })).body
      .partial_token;

  it('shows the recovery codes once, on the verify that turns 2FA on; later sign-ins make none, confirmed or not; each is spent once', async () => {
    const u = await signUp(id);
    expect(u.recoveryCodes).toHaveLength(10);
    // the current step was spent by signUp: the next one is inside the ±1 window
    const verify = await id.call('POST', '/auth/2fa/verify', {
      token: await login(u),
      body: { code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(verify.status).toBe(200);
    expect(verify.body.recovery_codes).toBeUndefined();

    const confirm = await id.call('POST', '/auth/recovery/confirm', { token: verify.body.access_token });
    expect(confirm.status).toBe(204);
    const recovered = await id.call('POST', '/auth/2fa/recover', {
      token: await login(u),
      body: { recovery_code: u.recoveryCodes[3]!.toUpperCase() },
      ip: u.ip,
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.recovery_codes).toBeUndefined();
    expect(recovered.body.recovery_codes_left).toBe(9);
    expect((await id.call('GET', '/me', { token: recovered.body.access_token })).status).toBe(200);

    const again = await id.call('POST', '/auth/2fa/recover', {
      token: await login(u),
      body: { recovery_code: u.recoveryCodes[3] },
      ip: u.ip,
    });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_recovery_code');
  });
});
