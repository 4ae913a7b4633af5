/**
 * SQL injection strings in every string field, and stored XSS payloads: free text is stored and
 * returned verbatim (as JSON, never as markup), formatted fields are refused with a 400, nothing
 * answers 5xx, and the database is intact afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@twopointo/db';
import { api, GatewayClient } from '../helpers/client.ts';
import { buildWorld, expectError, startSystem, type TestSystem, type World } from './harness.ts';

const SQLI = [
  `'; DROP TABLE users; --`,
  `' OR '1'='1`,
  `" OR ""="`,
  `1); DELETE FROM messages; --`,
  `' UNION SELECT password_hash, email FROM users --`,
  `'; SELECT pg_sleep(10); --`,
  `\\'; TRUNCATE outbox; --`,
  `$1 $2 $$; DROP TABLE servers; $$`,
  `%' AND 1=1 --`,
  `admin'/*`,
  `E'\\x27'`,
];

const XSS = [
  `<script>alert(1)</script>`,
  `<img src=x onerror=alert(document.cookie)>`,
  `"><svg/onload=alert(1)>`,
  `javascript:alert(1)`,
  `<a href="javascript:alert(1)">x</a>`,
  `{{constructor.constructor('alert(1)')()}}`,
  `<iframe srcdoc="<script>parent.alert(1)</script>">`,
  `</textarea><script>alert(1)</script>`,
];

describe('SQL injection and stored XSS', () => {
  let t: TestSystem;
  let w: World;

  beforeAll(async () => {
    t = await startSystem({ env: { RATE_LIMITS: 'off' } });
    w = await buildWorld(t.edge);
  });
  afterAll(async () => t?.close());

  it('free-text fields store and return every payload verbatim, as JSON', async () => {
    const ws = await GatewayClient.connect(t.edge, w.a.access);
    ws.send({ op: 'SUBSCRIBE', d: { server_id: w.sid, channel_ids: [w.cid] } });
    await ws.waitFor((f) => f.op === 'SUBSCRIBED');
    for (const payload of [...SQLI, ...XSS]) {
      const server = await api<{ id: string; name: string }>(t.edge, 'POST', '/api/servers', {
        token: w.a.access,
        body: { name: payload },
      });
      expect(server.status, payload).toBe(201);
      expect(server.headers.get('content-type')).toMatch(/^application\/json/);
      expect(server.body.name).toBe(payload);
      expect(
        (await api<{ name: string }>(t.edge, 'GET', `/api/servers/${server.body.id}`, { token: w.a.access }))
          .body.name,
      ).toBe(payload);

      const renamed = await api<{ name: string }>(t.edge, 'PATCH', `/api/servers/${server.body.id}`, {
        token: w.a.access,
        body: { name: payload + '!' },
      });
      expect(renamed.body.name).toBe(payload + '!');

      const channel = await api<{ id: string; name: string; topic: string }>(
        t.edge,
        'POST',
        `/api/servers/${server.body.id}/channels`,
        {
          token: w.a.access,
          body: { name: payload.slice(0, 90), topic: payload },
        },
      );
      // channel names may be normalised (a slug); the topic is free text
      expect(channel.status, payload).toBe(201);
      expect(channel.body.topic).toBe(payload);

      const role = await api<{ id: string; name: string }>(
        t.edge,
        'POST',
        `/api/servers/${server.body.id}/roles`,
        {
          token: w.a.access,
          body: { name: payload, permissions: '0' },
        },
      );
      expect(role.status, payload).toBe(201);
      expect(role.body.name).toBe(payload);

      const msg = await api<{ id: string; content: string }>(
        t.edge,
        'POST',
        `/api/channels/${w.cid}/messages`,
        {
          token: w.a.access,
          body: { content: payload },
        },
      );
      expect(msg.status, payload).toBe(201);
      expect(msg.body.content).toBe(payload);
      const ev = await ws.waitFor(
        (f) => f.op === 'EVENT' && f.t === 'MESSAGE_CREATE' && (f.d as { id: string }).id === msg.body.id,
      );
      expect((ev as unknown as { d: { content: string } }).d.content).toBe(payload);
      const edited = await api<{ content: string }>(t.edge, 'PATCH', `/api/messages/${msg.body.id}`, {
        token: w.a.access,
        body: { content: `${payload} (edited)` },
      });
      expect(edited.body.content).toBe(`${payload} (edited)`);
    }
    const list = await api<{ messages: { content: string }[] }>(
      t.edge,
      'GET',
      `/api/channels/${w.cid}/messages?limit=100`,
      {
        token: w.a.access,
      },
    );
    const contents = list.body.messages.map((m) => m.content);
    for (const payload of [...SQLI, ...XSS]) expect(contents).toContain(`${payload} (edited)`);
    ws.close();
  });

  it('asset file names and content types with payloads are refused or kept verbatim, never 5xx', async () => {
    for (const payload of [...SQLI, ...XSS]) {
      const r = await api<{ id: string }>(t.edge, 'POST', '/api/assets', {
        token: w.a.access,
        body: { filename: payload, content_type: payload, size: 3 },
      });
      expect(r.status, `${payload}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
      if (r.status !== 201) expectError(r, 400);
    }
  });

  it('formatted fields (emails, usernames, passwords, codes, tokens, ids, permission sets, query strings) refuse payloads with a 4xx', async () => {
    for (const payload of SQLI) {
      const answers = [
        await api(t.edge, 'POST', '/id/auth/register', {
          body: { email: payload, username: payload, password: payload },
        }),
        await api(t.edge, 'POST', '/id/auth/register', {
          body: {
            email: `x${Math.random().toString(36).slice(2)}@example.com`,
            username: payload,
            password: 'S3cretPass!',
          },
        }),
        await api(t.edge, 'POST', '/id/auth/login', { body: { email: payload, password: payload } }),
        await api(t.edge, 'POST', '/id/auth/login', {
          body: { email: `${w.a.username}@example.com`, password: payload },
        }),
        await api(t.edge, 'POST', '/id/auth/refresh', { body: { refresh_token: payload } }),
        await api(t.edge, 'POST', '/id/auth/logout', { token: w.b.access, body: { refresh_token: payload } }),
        await api(t.edge, 'PATCH', `/api/roles/${w.rid}`, {
          token: w.a.access,
          body: { permissions: payload },
        }),
        await api(t.edge, 'PUT', `/api/channels/${w.cid}/overwrites/${w.rid}`, {
          token: w.a.access,
          body: { type: payload, allow: payload, deny: payload },
        }),
        await api(t.edge, 'GET', `/api/channels/${w.cid}/messages?before=${encodeURIComponent(payload)}`, {
          token: w.a.access,
        }),
        await api(t.edge, 'GET', `/api/channels/${w.cid}/messages?limit=${encodeURIComponent(payload)}`, {
          token: w.a.access,
        }),
        await api(t.edge, 'GET', `/api/invites/${encodeURIComponent(payload)}`, { token: w.b.access }),
        await api(t.edge, 'POST', `/api/invites/${encodeURIComponent(payload)}/accept`, {
          token: w.b.access,
        }),
        await api(t.edge, 'GET', `/api/servers/${encodeURIComponent(payload)}`, { token: w.a.access }),
        await api(t.edge, 'POST', `/api/servers/${w.sid}/invites`, {
          token: w.a.access,
          body: { max_uses: payload, expires_in: payload },
        }),
      ];
      for (const r of answers) {
        expect(r.status, `${payload}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
        // a username may legitimately contain punctuation: then the account is simply made
        if (r.status >= 400) expectError(r, [400, 401, 404, 409]);
      }
    }
    // the 2FA calls with payload codes (a fresh partial token for B)
    const login = await api<{ partial_token: string }>(t.edge, 'POST', '/id/auth/login', {
      body: { email: `${w.b.username}@example.com`, password: 'S3cretPass!' },
    });
    for (const payload of SQLI.slice(0, 3)) {
      expectError(
        await api(t.edge, 'POST', '/id/auth/2fa/verify', {
          token: login.body.partial_token,
          body: { code: payload },
        }),
        [400, 401],
      );
      expectError(
        await api(t.edge, 'POST', '/id/auth/2fa/recover', {
          token: login.body.partial_token,
          body: { recovery_code: payload },
        }),
        [400, 401],
      );
    }
  });

  it('the database is intact and the accounts still work', async () => {
    const db = t.sys.database.db;
    for (const table of [
      'users',
      'servers',
      'channels',
      'messages',
      'roles',
      'members',
      'outbox',
      'refresh_tokens',
    ]) {
      const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(db);
      expect(Number(r.rows[0]!.n), table).toBeGreaterThan(0);
    }
    expect((await api(t.edge, 'GET', '/id/me', { token: w.a.access })).status).toBe(200);
    const login = await api(t.edge, 'POST', '/id/auth/login', {
      body: { email: `${w.a.username}@example.com`, password: 'S3cretPass!' },
    });
    expect(login.status).toBe(200);
    // nobody logged in as whoever the payloads named
    const sneaky = await api(t.edge, 'POST', '/id/auth/login', {
      body: { email: `' OR '1'='1' --`, password: `' OR '1'='1` },
    });
    expectError(sneaky, [400, 401]);
  });
});
