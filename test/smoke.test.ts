/**
 * docs/DEV_SMOKE_TESTS.md, automated: the seed's flow through the Edge only, against the
 * all-in-one system started the `make dev` way (embedded default), and on the real
 * PostgreSQL + NATS JetStream + Redis.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { TEST_BACKENDS } from '@twopointo/db';
import { distributedBackends, type DistributedBackends } from './helpers/backends.ts';
import { api, GatewayClient } from './helpers/client.ts';
import { totp } from './helpers/totp.ts';

const modes = TEST_BACKENDS.map((b) => (b === 'pglite' ? 'embedded' : 'distributed'));

describe.each(modes)('seed smoke flow (%s)', (mode) => {
  let system: Awaited<ReturnType<typeof startAll>>;
  let dataDir: string;
  let backends: DistributedBackends | undefined;
  let edge: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tp-smoke-'));
    if (mode === 'distributed') backends = await distributedBackends();
    const env = { ...backends?.env, DEV_DB_SOCKET_PORT: '0' };
    system = await startAll({ dataDir, ports: { identity: 0, official: 0, edge: 0 }, env, quiet: true });
    edge = system.edgeUrl;
  });

  afterAll(async () => {
    await system?.close();
    await backends?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('register → login → 2FA → server → channel → message → gateway events', async () => {
    const email = `alice-${mode}@example.com`;
    const reg = await api<{ id: string; email: string; username: string }>(
      edge,
      'POST',
      '/id/auth/register',
      {
        body: { email, username: `alice_${mode}`, password: 'S3cretPass!' },
      },
    );
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ email, username: `alice_${mode}` });

    const login = await api<{ partial_token: string; next: string }>(edge, 'POST', '/id/auth/login', {
      body: { email, password: 'S3cretPass!' },
    });
    expect(login.status).toBe(200);
    expect(login.body.next).toBe('2fa_setup');
    const partial = login.body.partial_token;

    const setup = await api<{ totp_secret: string; otpauth_url: string }>(
      edge,
      'POST',
      '/id/auth/2fa/setup',
      {
        token: partial,
      },
    );
    expect(setup.status).toBe(200);
    expect(setup.body.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    const secret = setup.body.totp_secret;
    const code = existsSync('/usr/bin/oathtool')
      ? execFileSync('/usr/bin/oathtool', ['--totp', '--base32', secret]).toString().trim()
      : totp(secret);

    const verify = await api<{ access_token: string; token_type: string; recovery_codes: string[] }>(
      edge,
      'POST',
      '/id/auth/2fa/verify',
      { token: partial, body: { code } },
    );
    expect(verify.status).toBe(200);
    expect(verify.body.token_type).toBe('Bearer');
    expect(verify.body.recovery_codes).toHaveLength(10);
    const access = verify.body.access_token;

    // the access token verifies against the JWKS published through the Edge
    const jwks = createRemoteJWKSet(new URL(`${edge}/id/.well-known/jwks.json`));
    const { payload } = await jwtVerify(access, jwks);
    expect(payload.sub).toBe(reg.body.id);

    const server = await api<{ id: string; name: string }>(edge, 'POST', '/api/servers', {
      token: access,
      body: { name: 'My Server' },
    });
    expect(server.status).toBe(201);
    const sid = server.body.id;

    const mine = await api<{ servers: { id: string }[] }>(edge, 'GET', '/api/me/servers', { token: access });
    expect(mine.body.servers.map((s) => s.id)).toContain(sid);

    const channel = await api<{ id: string; name: string }>(edge, 'POST', `/api/servers/${sid}/channels`, {
      token: access,
      body: { name: 'general' },
    });
    expect(channel.status).toBe(201);
    expect(channel.body.name).toBe('general');
    const cid = channel.body.id;

    const ws = await GatewayClient.connect(edge, access);
    const hello = await ws.waitFor((f) => f.op === 'HELLO');
    expect(hello).toMatchObject({ op: 'HELLO', d: { heartbeat_interval: 30000 } });
    ws.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
    await ws.waitFor((f) => f.op === 'SUBSCRIBED');
    const presence = await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'PRESENCE_UPDATE');
    expect(presence).toMatchObject({ d: { status: 'online', user_id: reg.body.id, server_id: sid } });

    const msg = await api<{ id: string; content: string }>(edge, 'POST', `/api/channels/${cid}/messages`, {
      token: access,
      body: { content: 'Hello!' },
    });
    expect(msg.status).toBe(201);
    const created = await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');
    expect(created).toMatchObject({ d: { id: msg.body.id, content: 'Hello!' } });
    expect(typeof (created as { s: number }).s).toBe('number');

    const list = await api<{ messages: { content: string }[] }>(
      edge,
      'GET',
      `/api/channels/${cid}/messages`,
      {
        token: access,
      },
    );
    expect(list.body.messages.map((m) => m.content)).toEqual(['Hello!']);

    const typing = await api(edge, 'POST', `/api/channels/${cid}/typing`, { token: access });
    expect(typing.status).toBe(204);
    const typingEv = await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'TYPING_START');
    expect(typingEv).toMatchObject({ d: { channel_id: cid, user_id: reg.body.id } });
    expect('s' in typingEv).toBe(false);

    const del = await api(edge, 'DELETE', `/api/messages/${msg.body.id}`, { token: access });
    expect(del.status).toBe(204);
    const deleted = await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_DELETE');
    expect(deleted).toMatchObject({ d: { id: msg.body.id, channel_id: cid, server_id: sid } });
    ws.close();
  });
});
