/** Identity over HTTP: the seed's flow, sessions, recovery codes and account deletion, on both databases. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { newId } from '@twopointo/shared';
import { LocalStorage } from '@twopointo/storage';
import { totp } from '../../../../test/helpers/totp.ts';
import {
  randomIp,
  signUp,
  startTestIdentity,
  uniqueUser,
  type TestIdentity,
} from '../test/identity-harness.ts';

const OATHTOOL = '/usr/bin/oathtool';

describe.each(TEST_BACKENDS)('identity on %s', (backend) => {
  let id: TestIdentity;
  const assetsDir = mkdtempSync(join(tmpdir(), 'tp-id-assets-'));
  const storage = new LocalStorage({ dir: assetsDir, signingSecret: 'test' });

  beforeAll(async () => {
    id = await startTestIdentity(backend, { storage });
  });
  afterAll(async () => {
    await id?.close();
    rmSync(assetsDir, { recursive: true, force: true });
  });

  it('register → login → 2fa setup → verify gives an access token the JWKS verifies', async () => {
    const user = uniqueUser('alice');
    const ip = randomIp();
    const reg = await id.call('POST', '/auth/register', { body: user, ip });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({
      id: expect.stringMatching(/^[0-9]+$/),
      email: user.email,
      username: user.username,
    });

    const login = await id.call('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
      ip,
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ partial_token: expect.any(String), next: '2fa_setup' });

    const setup = await id.call('POST', '/auth/2fa/setup', { token: login.body.partial_token, ip });
    expect(setup.status).toBe(200);
    expect(setup.body.totp_secret).toMatch(/^[A-Z2-7]+$/);
    expect(setup.body.otpauth_url).toContain(`secret=${setup.body.totp_secret}`);

    const verify = await id.call('POST', '/auth/2fa/verify', {
      token: login.body.partial_token,
      body: { code: totp(setup.body.totp_secret) },
      ip,
    });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(verify.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verify.body.recovery_codes).toHaveLength(10);
    expect(new Set(verify.body.recovery_codes).size).toBe(10);

    const jwks = createRemoteJWKSet(new URL(`${id.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(verify.body.access_token, jwks, {
      issuer: 'twopointo-identity',
      audience: 'twopointo',
    });
    expect(payload).toMatchObject({ sub: reg.body.id, username: user.username, typ: 'access' });
    expect(protectedHeader.alg).toBe('RS256');
    // the partial token must not pass the same check the Edge makes
    await expect(
      jwtVerify(login.body.partial_token, jwks, { issuer: 'twopointo-identity', audience: 'twopointo' }),
    ).rejects.toThrow();

    const me = await id.call('GET', '/me', { token: verify.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: reg.body.id,
      email: user.email,
      username: user.username,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      twofa_enabled: true,
    });
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

  it('login is case-insensitive on email and says 2fa_verify once 2FA is on', async () => {
    const u = await signUp(id);
    const login = await id.call('POST', '/auth/login', {
      body: { email: u.email.toUpperCase(), password: u.password },
      ip: u.ip,
    });
    expect(login.status).toBe(200);
    expect(login.body.next).toBe('2fa_verify');
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

  it('DELETE /me removes the user, what cascades from it and their stored objects; the email is free again', async () => {
    const u = await signUp(id, 'del');
    const { db } = id.database;
    const serverId = newId();
    await db.insertInto('servers').values({ id: serverId, name: 'Mine', owner_id: u.id }).execute();
    await db.insertInto('members').values({ server_id: serverId, user_id: u.id }).execute();
    const key = `assets/${u.id}/file.txt`;
    await mkdir(join(assetsDir, 'assets', u.id), { recursive: true });
    await writeFile(join(assetsDir, key), 'hello');
    await db
      .insertInto('assets')
      .values({
        id: newId(),
        owner_id: u.id,
        filename: 'file.txt',
        content_type: 'text/plain',
        size: '5',
        storage_key: key,
      })
      .execute();

    const res = await id.call('DELETE', '/me', {
      token: u.access,
      body: { password: u.password, code: totp(u.secret, Date.now(), 1) },
      ip: u.ip,
    });
    expect(res.status).toBe(204);
    expect(
      await db.selectFrom('users').select('id').where('id', '=', u.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await db.selectFrom('servers').select('id').where('id', '=', serverId).executeTakeFirst(),
    ).toBeUndefined();
    expect(await db.selectFrom('refresh_tokens').select('id').where('user_id', '=', u.id).execute()).toEqual(
      [],
    );
    expect(await db.selectFrom('recovery_codes').select('id').where('user_id', '=', u.id).execute()).toEqual(
      [],
    );
    expect(await db.selectFrom('assets').select('id').where('owner_id', '=', u.id).execute()).toEqual([]);
    expect(existsSync(join(assetsDir, key))).toBe(false);

    const me = await id.call('GET', '/me', { token: u.access });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('user_not_found');
    expect((await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status).toBe(401);
    const again = await id.call('POST', '/auth/register', {
      body: { email: u.email, username: u.username, password: u.password },
      ip: randomIp(),
    });
    expect(again.status).toBe(201);
  });

  it('DELETE /me also takes a recovery code', async () => {
    const u = await signUp(id, 'delrc');
    const res = await id.call('DELETE', '/me', {
      token: u.access,
      body: { password: u.password, code: u.recoveryCodes[0] },
      ip: u.ip,
    });
    expect(res.status).toBe(204);
    expect((await id.call('GET', '/me', { token: u.access })).status).toBe(401);
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await id.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await id.call('GET', '/readyz')).body).toEqual({ status: 'ok' });
    const doc = await id.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/register',
        '/auth/login',
        '/auth/2fa/verify',
        '/me',
        '/.well-known/jwks.json',
      ]),
    );
  });
});
