/** TOTP 2FA over HTTP: codes from oathtool, and setup replacing a pending secret, on both databases. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import { randomIp, startTestIdentity, uniqueUser, type TestIdentity } from '../test/identity-harness.ts';

const OATHTOOL = '/usr/bin/oathtool';

describe.each(TEST_BACKENDS)('two-factor on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  });
  afterAll(async () => {
    await id?.close();
  });

  it.skipIf(!existsSync(OATHTOOL))(
    'accepts the code oathtool --totp --base32 computes (the seed’s way)',
    async () => {
      const user = uniqueUser('oath');
      const ip = randomIp();
      expect((await id.call('POST', '/auth/register', { body: user, ip })).status).toBe(201);
      const login = await id.call('POST', '/auth/login', {
        body: { email: user.email, password: user.password },
        ip,
      });
      const setup = await id.call('POST', '/auth/2fa/setup', { token: login.body.partial_token, ip });
      const code = execFileSync(OATHTOOL, ['--totp', '--base32', setup.body.totp_secret], {
        encoding: 'utf8',
      }).trim();
      const verify = await id.call('POST', '/auth/2fa/verify', {
        token: login.body.partial_token,
        body: { code },
        ip,
      });
      expect(verify.status).toBe(200);
      expect(verify.body.access_token).toEqual(expect.any(String));
    },
  );

  it('setup again before verify replaces the pending secret', async () => {
    const user = uniqueUser();
    const ip = randomIp();
    await id.call('POST', '/auth/register', { body: user, ip });
    const login = await id.call('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
      ip,
    });
    const first = await id.call('POST', '/auth/2fa/setup', { token: login.body.partial_token, ip });
    const second = await id.call('POST', '/auth/2fa/setup', { token: login.body.partial_token, ip });
    expect(second.status).toBe(200);
    expect(second.body.totp_secret).not.toBe(first.body.totp_secret);
    const old = await id.call('POST', '/auth/2fa/verify', {
      token: login.body.partial_token,
      body: { code: totp(first.body.totp_secret) },
      ip,
    });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('invalid_code');
    const ok = await id.call('POST', '/auth/2fa/verify', {
      token: login.body.partial_token,
      body: { code: totp(second.body.totp_secret) },
      ip,
    });
    expect(ok.status).toBe(200);
  });
});
