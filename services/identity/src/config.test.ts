import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, REPO_ROOT } from '@twopointo/server-kit';
import { readIdentityConfig } from './config.ts';

describe('readIdentityConfig', () => {
  it('has the documented defaults', () => {
    const c = readIdentityConfig({}, {});
    expect(c).toMatchObject({
      HOST: '127.0.0.1',
      IDENTITY_PORT: 8081,
      LOG_LEVEL: 'info',
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
      IDENTITY_RSA_PRIVATE_KEY_FILE: undefined,
      JWT_ISSUER: 'twopointo-identity',
      JWT_AUDIENCE: 'twopointo',
      RATE_LIMITS: true,
      LOGIN_RATE_LIMIT: { max: 10, windowMs: 15 * 60_000 },
      TWOFA_RATE_LIMIT: { max: 5, windowMs: 5 * 60_000 },
      REGISTER_RATE_LIMIT: { max: 20, windowMs: 3_600_000 },
    });
    expect(c.DATA_DIR).toBe(join(REPO_ROOT, 'data'));
  });

  it('reads values, resolving relative paths from the repository root', () => {
    const c = readIdentityConfig(
      {
        IDENTITY_RSA_PRIVATE_KEY_FILE: 'infra/keys/identity_rsa.pem',
        RATE_LIMITS: 'off',
        LOGIN_RATE_LIMIT: '3/30s',
      },
      { DATA_DIR: '/var/lib/tp', IDENTITY_PORT: '9000' },
    );
    expect(c.IDENTITY_RSA_PRIVATE_KEY_FILE).toBe(join(REPO_ROOT, 'infra/keys/identity_rsa.pem'));
    expect(c.DATA_DIR).toBe('/var/lib/tp');
    expect(c.IDENTITY_PORT).toBe(9000);
    expect(c.RATE_LIMITS).toBe(false);
    expect(c.LOGIN_RATE_LIMIT).toEqual({ max: 3, windowMs: 30_000 });
  });

  it.each([
    ['IDENTITY_PORT', 'http'],
    ['LOGIN_RATE_LIMIT', 'ten'],
    ['TWOFA_IP_RATE_LIMIT', '5 per minute'],
    ['RATE_LIMITS', 'maybe'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s names the variable', (name, value) => {
    const err = (() => {
      try {
        readIdentityConfig({}, { [name]: value });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(name);
  });

  it('mail for password resets: SMTP_URL must be smtp:// or smtps://; PUBLIC_URL a URL', () => {
    const c = readIdentityConfig({}, {});
    expect(c).toMatchObject({
      SMTP_URL: undefined,
      PUBLIC_URL: 'http://localhost:60420',
      PASSWORD_RESET_RATE_LIMIT: { max: 5, windowMs: 3_600_000 },
    });
    expect(readIdentityConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }, {}).SMTP_URL).toBe(
      'smtps://u:p@mail.example.org:465',
    );
    expect(() => readIdentityConfig({ SMTP_URL: 'http://mail.example.org' }, {})).toThrow(ConfigError);
    expect(() => readIdentityConfig({ SMTP_URL: 'not a url' }, {})).toThrow(/SMTP_URL/);
    expect(() => readIdentityConfig({ PUBLIC_URL: 'nope' }, {})).toThrow(/PUBLIC_URL/);
  });
});
