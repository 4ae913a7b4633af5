/** Recovery codes over HTTP: shown until confirmed, spent once, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import { signUp, startTestIdentity, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('recovery codes on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  });
  afterAll(async () => {
    await id?.close();
  });

  it('shows new recovery codes on each verify until confirmed, then never again; old unused ones stop working', async () => {
    const u = await signUp(id);
    const login = await id.call('POST', '/auth/login', {
      body: { email: u.email, password: u.password },
      ip: u.ip,
    });
    // the current step was spent by signUp: the next one is inside the ±1 window
    const verify = await id.call('POST', '/auth/2fa/verify', {
      token: login.body.partial_token,
      body: { code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(verify.status).toBe(200);
    expect(verify.body.recovery_codes).toHaveLength(10);
    expect(verify.body.recovery_codes).not.toEqual(u.recoveryCodes);

    const stale = await id.call('POST', '/auth/2fa/recover', {
      token: login.body.partial_token,
      body: { recovery_code: u.recoveryCodes[0] },
      ip: u.ip,
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('invalid_recovery_code');

    const confirm = await id.call('POST', '/auth/recovery/confirm', { token: verify.body.access_token });
    expect(confirm.status).toBe(204);

    const recovered = await id.call('POST', '/auth/2fa/recover', {
      token: login.body.partial_token,
      body: { recovery_code: verify.body.recovery_codes[3].toUpperCase() },
      ip: u.ip,
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.recovery_codes).toBeUndefined();
    expect((await id.call('GET', '/me', { token: recovered.body.access_token })).status).toBe(200);

    const again = await id.call('POST', '/auth/2fa/recover', {
      token: login.body.partial_token,
      body: { recovery_code: verify.body.recovery_codes[3] },
      ip: u.ip,
    });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_recovery_code');
  });
});
