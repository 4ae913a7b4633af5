/**
 * Uploads through a real Edge: the all-in-one system on local-disk storage, a signed-in user
 * uploading straight to the Edge's /storage routes and downloading via /api/assets/:id.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAll } from '@twopointo/all';
import { api, signUp, type Session } from '../../../../test/helpers/client.ts';

type Upload = { id: string; upload: { url: string; method: 'PUT'; headers: Record<string, string> } };
type Err = { error: { code: string } };

describe('uploads through the Edge (local disk)', () => {
  let system: Awaited<ReturnType<typeof startAll>>;
  let dataDir: string;
  let edge: string;
  let alice: Session, bob: Session, eve: Session;
  let channelId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tp-uploads-e2e-'));
    system = await startAll({
      dataDir,
      ports: { identity: 0, official: 0, edge: 0 },
      env: { DEV_DB_SOCKET_PORT: '0' },
      quiet: true,
    });
    edge = system.edgeUrl;
    expect(system.storage.kind).toBe('local');
    [alice, bob, eve] = await Promise.all([signUp(edge), signUp(edge), signUp(edge)]);
    const server = await api<{ id: string }>(edge, 'POST', '/api/servers', {
      token: alice.access,
      body: { name: 'files' },
    });
    channelId = (
      await api<{ id: string }>(edge, 'POST', `/api/servers/${server.body.id}/channels`, {
        token: alice.access,
        body: { name: 'drop' },
      })
    ).body.id;
    const invite = await api<{ code: string }>(edge, 'POST', `/api/servers/${server.body.id}/invites`, {
      token: alice.access,
      body: {},
    });
    expect(
      (await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`, { token: bob.access })).status,
    ).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('create → PUT to the Edge → complete → post → 302 → byte-identical download', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    const created = await api<Upload>(edge, 'POST', '/api/assets', {
      token: alice.access,
      body: { filename: 'clip.webm', content_type: 'video/webm', size: bytes.length },
    });
    expect(created.status).toBe(201);
    expect(created.body.upload.url).toMatch(/^\/storage\/upload\//);
    const put = await fetch(edge + created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: bytes,
    });
    expect(put.status).toBe(200);
    const done = await api<{ url: string }>(edge, 'POST', `/api/assets/${created.body.id}/complete`, {
      token: alice.access,
    });
    expect(done.status).toBe(200);
    expect(done.body.url).toBe(`/api/assets/${created.body.id}`);

    const msg = await api<{ attachments: unknown[] }>(edge, 'POST', `/api/channels/${channelId}/messages`, {
      token: alice.access,
      body: { content: 'watch', attachment_ids: [created.body.id] },
    });
    expect(msg.status).toBe(201);
    expect(msg.body.attachments).toEqual([done.body]);

    for (const who of [alice, bob]) {
      const redirect = await api(edge, 'GET', done.body.url, { token: who.access });
      expect(redirect.status).toBe(302);
      const location = redirect.headers.get('location')!;
      expect(location).toMatch(/^\/storage\/download\/assets\//);
      const got = await fetch(edge + location);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('video/webm');
      expect(got.headers.get('content-disposition')).toMatch(/^inline; filename="clip.webm"/);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    }
    // not a member: 404; no token: 401
    const outsider = await api<Err>(edge, 'GET', done.body.url, { token: eve.access });
    expect([outsider.status, outsider.body.error.code]).toEqual([404, 'unknown_asset']);
    expect((await api(edge, 'GET', done.body.url)).status).toBe(401);
  });

  it('answers the browser preflight for an upload from an allowed origin', async () => {
    const res = await fetch(`${edge}/storage/upload/assets/1/x?exp=1&ct=a&size=1&sig=x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('refuses bad uploads at the Edge with their codes, keeping nothing', async () => {
    const created = await api<Upload>(edge, 'POST', '/api/assets', {
      token: bob.access,
      body: { filename: 'a.txt', content_type: 'text/plain', size: 5 },
    });
    const { url, headers } = created.body.upload;
    const cases: [string, RequestInit, number, string][] = [
      [url.replace('size=5', 'size=50'), { headers, body: 'hello' }, 403, 'invalid_signature'],
      [url, { headers: { 'content-type': 'text/html' }, body: 'hello' }, 400, 'content_type_mismatch'],
      [url, { headers, body: 'hello, world' }, 413, 'upload_too_large'],
    ];
    for (const [target, init, status, code] of cases) {
      const res = await fetch(edge + target, { ...init, method: 'PUT' });
      expect([res.status, ((await res.json()) as Err).error.code], code).toEqual([status, code]);
    }
    const complete = await api<Err>(edge, 'POST', `/api/assets/${created.body.id}/complete`, {
      token: bob.access,
    });
    expect([complete.status, complete.body.error.code]).toEqual([400, 'upload_missing']);
    expect(readdirSync(join(dataDir, 'assets', '.tmp'))).toEqual([]);
    // someone else cannot complete it
    const other = await api<Err>(edge, 'POST', `/api/assets/${created.body.id}/complete`, {
      token: alice.access,
    });
    expect([other.status, other.body.error.code]).toEqual([404, 'unknown_asset']);
  });
});
