/** Accounts over HTTP: the seed's flow from registration to /me, and account deletion, on both databases. */
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

describe.each(TEST_BACKENDS)('users on %s', (backend) => {
  let id: TestIdentity;
  const assetsDir = mkdtempSync(join(tmpdir(), 'tp-id-assets-'));
  const storage = new LocalStorage({ dir: assetsDir, signingSecret: 'test' });
  /** how often Identity woke the outbox relay (after a commit that wrote events) */
  let wakes = 0;

  beforeAll(async () => {
    id = await startTestIdentity(backend, { storage, outboxWritten: () => wakes++ });
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
      display_name: null,
      avatar: null,
      about: null,
    });
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
    expect(me.body.error.code).toBe('unknown_user');
    expect((await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } })).status).toBe(401);
    const again = await id.call('POST', '/auth/register', {
      body: { email: u.email, username: u.username, password: u.password },
      ip: randomIp(),
    });
    expect(again.status).toBe(201);
  });

  it('DELETE /me deletes what dev-delete-user deletes: also member overwrites naming the user, and clients are told', async () => {
    const u = await signUp(id, 'delow');
    const owner = await signUp(id, 'owner');
    const { db } = id.database;
    const serverId = newId();
    const channelId = newId();
    await db.insertInto('servers').values({ id: serverId, name: 'Theirs', owner_id: owner.id }).execute();
    await db
      .insertInto('members')
      .values([
        { server_id: serverId, user_id: owner.id },
        { server_id: serverId, user_id: u.id },
      ])
      .execute();
    await db.insertInto('channels').values({ id: channelId, server_id: serverId, name: 'general' }).execute();
    await db
      .insertInto('channel_overwrites')
      .values({ channel_id: channelId, target_id: u.id, type: 'member', allow: '0', deny: '0' })
      .execute();

    const wakesBefore = wakes;
    const res = await id.call('DELETE', '/me', {
      token: u.access,
      body: { password: u.password, code: u.recoveryCodes[0] },
      ip: u.ip,
    });
    expect(res.status).toBe(204);
    // the relay is woken for the departure events (in the all-in-one; apart, its poll finds them)
    expect(wakes).toBe(wakesBefore + 1);
    expect(
      await db
        .selectFrom('channel_overwrites')
        .select('target_id')
        .where('channel_id', '=', channelId)
        .execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('members').select('user_id').where('server_id', '=', serverId).execute(),
    ).toEqual([{ user_id: owner.id }]);
    const events = (await db.selectFrom('outbox').select('payload').execute()).map(
      (r) => JSON.parse(r.payload) as { t: string; server_id: string; data: string },
    );
    expect(
      events
        .filter((e) => e.t === 'MEMBER_LEAVE' && JSON.parse(e.data).user_id === u.id)
        .map((e) => e.server_id),
    ).toEqual([serverId]);
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
});
