/**
 * Secrets never reach the logs: the full flow (register, login, 2FA setup and verify, recovery,
 * refresh, messages, the gateway with its token in the query string, failures included) runs
 * with every service logging at trace level through the production logger options, and the
 * captured output holds no password, token, TOTP secret, recovery code or internal secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '@twopointo/shared';
import { api, GatewayClient } from '../helpers/client.ts';
import { totp } from '../helpers/totp.ts';
import { startLoggedSystem, type LoggedSystem } from './harness.ts';

describe('secrets never in logs', () => {
  let s: LoggedSystem;

  beforeAll(async () => {
    s = await startLoggedSystem({ level: 'trace' });
  });
  afterAll(async () => s?.close());

  it('a full flow at trace level logs no password, token, TOTP secret or recovery code', async () => {
    const edge = s.edge;
    const password = 'Pa55-word-that-must-not-leak';
    const wrongPassword = 'Wrong-pa55-that-must-not-leak';
    const username = `logs${Date.now().toString(36)}`;
    const email = `${username}@example.com`;
    const secrets: Record<string, string> = { password, wrongPassword, internal: s.env.INTERNAL_SECRET! };

    expect(
      (await api(edge, 'POST', '/id/auth/register', { body: { email, username, password } })).status,
    ).toBe(201);
    expect(
      (await api(edge, 'POST', '/id/auth/login', { body: { email, password: wrongPassword } })).status,
    ).toBe(401);
    const login = await api<{ partial_token: string }>(edge, 'POST', '/id/auth/login', {
      body: { email, password },
    });
    secrets.partial = login.body.partial_token;
    const setup = await api<{ totp_secret: string; otpauth_url: string }>(
      edge,
      'POST',
      '/id/auth/2fa/setup',
      {
        token: secrets.partial,
      },
    );
    secrets.totp = setup.body.totp_secret;
    secrets.otpauth = setup.body.otpauth_url;
    expect(
      (await api(edge, 'POST', '/id/auth/2fa/verify', { token: secrets.partial, body: { code: '000000' } }))
        .status,
    ).toBe(401);
    const verify = await api<TokenPair & { recovery_codes: string[] }>(edge, 'POST', '/id/auth/2fa/verify', {
      token: secrets.partial,
      body: { code: totp(secrets.totp) },
    });
    expect(verify.status).toBe(200);
    secrets.access = verify.body.access_token;
    secrets.refresh = verify.body.refresh_token;
    verify.body.recovery_codes.forEach((c, i) => (secrets[`recovery${i}`] = c));

    // recovery: log in again and use a recovery code instead of TOTP
    const login2 = await api<{ partial_token: string }>(edge, 'POST', '/id/auth/login', {
      body: { email, password },
    });
    secrets.partial2 = login2.body.partial_token;
    const recovered = await api<TokenPair>(edge, 'POST', '/id/auth/2fa/recover', {
      token: secrets.partial2,
      body: { recovery_code: verify.body.recovery_codes[0] },
    });
    expect(recovered.status).toBe(200);
    secrets.access2 = recovered.body.access_token;
    secrets.refresh2 = recovered.body.refresh_token;
    expect((await api(edge, 'POST', '/id/auth/recovery/confirm', { token: secrets.access })).status).toBe(
      204,
    );

    const refreshed = await api<TokenPair>(edge, 'POST', '/id/auth/refresh', {
      body: { refresh_token: secrets.refresh },
    });
    expect(refreshed.status).toBe(200);
    secrets.access3 = refreshed.body.access_token;
    secrets.refresh3 = refreshed.body.refresh_token;
    // reuse of a rotated refresh token (revokes the family) and a bad one
    expect(
      (await api(edge, 'POST', '/id/auth/refresh', { body: { refresh_token: secrets.refresh } })).status,
    ).toBe(401);

    const server = await api<{ id: string }>(edge, 'POST', '/api/servers', {
      token: secrets.access2,
      body: { name: 'logs' },
    });
    const channel = await api<{ id: string }>(edge, 'POST', `/api/servers/${server.body.id}/channels`, {
      token: secrets.access2,
      body: { name: 'general' },
    });
    const ws = await GatewayClient.connect(edge, secrets.access2);
    ws.send({ op: 'SUBSCRIBE', d: { server_id: server.body.id, channel_ids: [channel.body.id] } });
    await ws.waitFor((f) => f.op === 'SUBSCRIBED');
    expect(
      (
        await api(edge, 'POST', `/api/channels/${channel.body.id}/messages`, {
          token: secrets.access2,
          body: { content: 'hi' },
        })
      ).status,
    ).toBe(201);
    await ws.waitFor((f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE');
    ws.close();
    // a refused gateway token, and a refused API token
    await GatewayClient.connect(edge, secrets.partial).then(
      (c) => c.close(),
      () => undefined,
    );
    expect((await api(edge, 'GET', '/api/me/servers', { token: secrets.partial })).status).toBe(401);
    expect(
      (
        await api(edge, 'POST', '/id/auth/logout', {
          token: secrets.access2,
          body: { refresh_token: secrets.refresh2 },
        })
      ).status,
    ).toBe(204);
    const del = await api(edge, 'DELETE', '/id/me', {
      token: secrets.access2,
      body: { password: wrongPassword, code: totp(secrets.totp) },
    });
    expect(del.status).toBeGreaterThanOrEqual(400);

    await new Promise((r) => setTimeout(r, 200));
    const text = s.sink.text;
    const lines = s.sink.lines();
    // the capture is real: requests were logged at trace level, by all three services
    expect(lines.length).toBeGreaterThan(50);
    expect(text).toContain('/auth/2fa/verify');
    expect(text).toContain('/servers');
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length, what).toBeGreaterThan(5);
      expect(text.includes(value), `${what} found in the logs`).toBe(false);
      // nor any large piece of a token (a signature or payload segment on its own)
      for (const part of value.split('.').filter((p) => p.length >= 20)) {
        expect(text.includes(part), `part of ${what} found in the logs`).toBe(false);
      }
    }
    expect(text).not.toMatch(/"authorization"\s*:\s*"Bearer/i);
    expect(text).not.toMatch(/token=ey/);
  });
});
