/** 429s with Retry-After for guessing and mass registration; RATE_LIMITS=off turns them off. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '@twopointo/cache';
import { TEST_BACKENDS, createTestDatabase, type TestDatabase } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import {
  capturingLogger,
  randomIp,
  signUp,
  startTestIdentity,
  uniqueUser,
  type Answer,
  type TestIdentity,
} from '../test/identity-harness.ts';

const SMALL = {
  LOGIN_RATE_LIMIT: '3/1m',
  LOGIN_IP_RATE_LIMIT: '4/1m',
  TWOFA_RATE_LIMIT: '2/1m',
  TWOFA_IP_RATE_LIMIT: '3/1m',
  REGISTER_RATE_LIMIT: '2/1h',
};

function expect429(res: Answer, maxSeconds: number): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 429, code: 'rate_limited' });
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(maxSeconds);
}

const wrongCode = (secret: string) => String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, '0');

describe.each(TEST_BACKENDS)('rate limits on %s', (backend) => {
  let id: TestIdentity;
  let off: TestIdentity;
  let offWarnings: string[];

  beforeAll(async () => {
    const database = await createTestDatabase(backend);
    id = await startTestIdentity(backend, { overrides: SMALL, database });
    const captured = capturingLogger();
    offWarnings = captured.warnings;
    off = await startTestIdentity(backend, {
      overrides: { ...SMALL, RATE_LIMITS: 'off' },
      database,
      logger: captured.logger,
    });
  });
  afterAll(async () => {
    await off?.close();
    await id?.close();
    await id?.database.close();
  });

  it('wrong passwords per account: the 4th try is 429, even with the right password', async () => {
    const u = await signUp(id);
    for (let i = 0; i < 3; i++) {
      const res = await id.call('POST', '/auth/login', {
        body: { email: u.email, password: 'wrong-pass' },
        ip: randomIp(),
      });
      expect(res.status).toBe(401);
    }
    expect429(
      await id.call('POST', '/auth/login', {
        body: { email: u.email, password: u.password },
        ip: randomIp(),
      }),
      60,
    );
    // other accounts are untouched
    const v = await signUp(id);
    expect(
      (
        await id.call('POST', '/auth/login', {
          body: { email: v.email, password: v.password },
          ip: randomIp(),
        })
      ).status,
    ).toBe(200);
  });

  it('wrong passwords per IP across accounts', async () => {
    const ip = randomIp();
    for (let i = 0; i < 4; i++) {
      const res = await id.call('POST', '/auth/login', {
        body: { email: `nobody${i}@example.com`, password: 'wrong-pass' },
        ip,
      });
      expect(res.status).toBe(401);
    }
    expect429(
      await id.call('POST', '/auth/login', {
        body: { email: 'nobody9@example.com', password: 'wrong-pass' },
        ip,
      }),
      60,
    );
  });

  it('a correct login clears the account’s count', async () => {
    const u = await signUp(id);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) {
        expect(
          (
            await id.call('POST', '/auth/login', {
              body: { email: u.email, password: 'wrong-pass' },
              ip: randomIp(),
            })
          ).status,
        ).toBe(401);
      }
      expect(
        (
          await id.call('POST', '/auth/login', {
            body: { email: u.email, password: u.password },
            ip: randomIp(),
          })
        ).status,
      ).toBe(200);
    }
  });

  it('wrong 2FA codes per account: the 3rd try is 429, even with the right code', async () => {
    const u = await signUp(id);
    const login = await id.call('POST', '/auth/login', {
      body: { email: u.email, password: u.password },
      ip: randomIp(),
    });
    const token = login.body.partial_token;
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await id.call('POST', '/auth/2fa/verify', {
            token,
            body: { code: wrongCode(u.secret) },
            ip: randomIp(),
          })
        ).status,
      ).toBe(401);
    }
    expect429(
      await id.call('POST', '/auth/2fa/verify', {
        token,
        body: { code: totp(u.secret, Date.now(), 1) },
        ip: randomIp(),
      }),
      60,
    );
    // recovery codes share the limit
    expect429(
      await id.call('POST', '/auth/2fa/recover', {
        token,
        body: { recovery_code: u.recoveryCodes[0]! },
        ip: randomIp(),
      }),
      60,
    );
  });

  it('wrong recovery codes per IP across accounts', async () => {
    const ip = randomIp();
    const users = await Promise.all([signUp(id), signUp(id)]);
    const tokens = await Promise.all(
      users.map(
        async (u) =>
          (
            await id.call('POST', '/auth/login', {
              body: { email: u.email, password: u.password },
              ip: randomIp(),
            })
          ).body.partial_token as string,
      ),
    );
    const tries = [tokens[0], tokens[0], tokens[1]];
    for (const token of tries) {
      expect(
        (await id.call('POST', '/auth/2fa/recover', { token, body: { recovery_code: 'aaaaa-bbbbb' }, ip }))
          .status,
      ).toBe(401);
    }
    expect429(
      await id.call('POST', '/auth/2fa/recover', {
        token: tokens[1],
        body: { recovery_code: 'aaaaa-bbbbb' },
        ip,
      }),
      60,
    );
  });

  it('DELETE /me guesses count too', async () => {
    const u = await signUp(id);
    for (let i = 0; i < 2; i++) {
      const res = await id.call('DELETE', '/me', {
        token: u.access,
        body: { password: u.password, code: wrongCode(u.secret) },
        ip: randomIp(),
      });
      expect(res.status).toBe(403);
    }
    expect429(
      await id.call('DELETE', '/me', {
        token: u.access,
        body: { password: u.password, code: totp(u.secret, Date.now(), 1) },
        ip: randomIp(),
      }),
      60,
    );
  });

  it('registrations per IP', async () => {
    const ip = randomIp();
    expect((await id.call('POST', '/auth/register', { body: uniqueUser(), ip })).status).toBe(201);
    expect((await id.call('POST', '/auth/register', { body: uniqueUser(), ip })).status).toBe(201);
    expect429(await id.call('POST', '/auth/register', { body: uniqueUser(), ip }), 3600);
    expect((await id.call('POST', '/auth/register', { body: uniqueUser(), ip: randomIp() })).status).toBe(
      201,
    );
  });

  it('RATE_LIMITS=off disables every limit and says so at start', async () => {
    expect(offWarnings.some((w) => w.includes('RATE_LIMITS=off'))).toBe(true);
    const ip = randomIp();
    for (let i = 0; i < 4; i++)
      expect((await off.call('POST', '/auth/register', { body: uniqueUser(), ip })).status).toBe(201);
    const u = await signUp(off);
    for (let i = 0; i < 5; i++) {
      expect(
        (await off.call('POST', '/auth/login', { body: { email: u.email, password: 'wrong-pass' }, ip }))
          .status,
      ).toBe(401);
    }
    expect(
      (await off.call('POST', '/auth/login', { body: { email: u.email, password: u.password }, ip })).status,
    ).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect(
        (
          await off.call('POST', '/auth/2fa/recover', {
            token: u.partial,
            body: { recovery_code: 'aaaaa-bbbbb' },
            ip,
          })
        ).status,
      ).toBe(401);
    }
  });
});

describe('rate limits held in Redis', () => {
  let database: TestDatabase;
  let cache: RedisCache;
  let a: TestIdentity;
  let b: TestIdentity;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    cache = await RedisCache.connect({
      url: 'redis://127.0.0.1:6379',
      prefix: `tp-test-${randomBytes(6).toString('hex')}:`,
    });
    a = await startTestIdentity('pglite', { overrides: SMALL, database, cache });
    b = await startTestIdentity('pglite', { overrides: SMALL, database, cache });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cache?.close();
    await database?.close();
  });

  it('count across instances', async () => {
    const u = await signUp(a);
    const wrong = { email: u.email, password: 'wrong-pass' };
    expect((await a.call('POST', '/auth/login', { body: wrong, ip: randomIp() })).status).toBe(401);
    expect((await b.call('POST', '/auth/login', { body: wrong, ip: randomIp() })).status).toBe(401);
    expect((await a.call('POST', '/auth/login', { body: wrong, ip: randomIp() })).status).toBe(401);
    expect429(
      await b.call('POST', '/auth/login', { body: { email: u.email, password: u.password }, ip: randomIp() }),
      60,
    );
  });
});
