/**
 * The asset upload flow, run by assets/assets.local.test.ts and assets/assets.s3.test.ts (split so
 * each file stays quick). The Edge's storage routes come through its package, as a deployment has them.
 * Uploads through a real Official (port 0, trusted headers) on both databases and both storage
 * kinds: local disk (bytes through the Edge's storage routes) and S3 (a private s3rver).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type TestDatabase } from '@twopointo/db';
import { Permissions, newId } from '@twopointo/shared';
import { signStorageParams, type ObjectStorage } from '@twopointo/storage';
import { readAssetConfig } from '../assets/asset.config.ts';
import { AssetRepository } from '../assets/asset.repository.ts';
import { AssetService } from '../assets/asset.service.ts';
import { startStorageOfficial, type StorageOfficial } from './storage-official.ts';

const SECRET = 'assets-test-internal-secret-0123';
const SIGNING = 'assets-test-signing-secret';
const MiB = 1024 * 1024;
const quiet = { warn: () => undefined, info: () => undefined };

type User = { id: string; username: string };
type Res = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** The whole upload suite for one storage kind, on every test database backend. */
export function describeAssetFlow(kind: 'local' | 's3'): void {
  describe.each(TEST_BACKENDS)(`assets on %s with ${kind} storage`, (backend) => {
    let o: StorageOfficial;
    let database: TestDatabase;
    let url: string;
    let storage: ObjectStorage;
    let service: AssetService;
    let dir = '';
    let alice: User, bob: User, carol: User, dave: User;
    let channelId: string;
    let hiddenChannelId: string;

    const call = async (method: string, path: string, as: User | null, body?: unknown): Promise<Res> => {
      const headers: Record<string, string> = as ? { 'x-internal-secret': SECRET, 'x-user-id': as.id } : {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    };
    const upload = (
      u: { url: string; headers: Record<string, string> },
      bytes: Uint8Array<ArrayBuffer>,
      headers = u.headers,
    ) => fetch(o.abs(u.url), { method: 'PUT', headers, body: bytes });
    const rows = async (ownerId: string) =>
      database.db.selectFrom('assets').selectAll().where('owner_id', '=', ownerId).execute();
    const bytesOf = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256);

    /** create → PUT → complete; returns the asset */
    const uploaded = async (
      who: User,
      bytes: Uint8Array<ArrayBuffer>,
      filename = 'file.bin',
      contentType = 'application/zip',
    ) => {
      const created = await call('POST', '/assets', who, {
        filename,
        content_type: contentType,
        size: bytes.length,
      });
      expect(created.status).toBe(201);
      expect((await upload(created.body.upload, bytes)).status).toBe(200);
      const done = await call('POST', `/assets/${created.body.id}/complete`, who);
      expect(done.status).toBe(200);
      return done.body as { id: string; url: string; size: number };
    };
    const download = async (who: User, assetId: string): Promise<Res & { bytes?: Buffer }> => {
      const res = await call('GET', `/assets/${assetId}`, who);
      if (res.status !== 302) return res;
      const got = await fetch(o.abs(res.headers.get('location')!));
      return { ...res, bytes: Buffer.from(await got.arrayBuffer()) };
    };

    beforeAll(async () => {
      o = await startStorageOfficial(backend, kind, { internal: SECRET, signing: SIGNING });
      ({ database, storage, url, dir } = o);
      service = new AssetService(
        new AssetRepository(database.db),
        storage,
        readAssetConfig({ ASSET_ORPHAN_MAX_AGE_SECONDS: '86400' }),
        quiet,
      );

      [alice, bob, carol, dave] = await Promise.all([
        o.user('alice'),
        o.user('bob'),
        o.user('carol'),
        o.user('dave'),
      ]);
      const server = await call('POST', '/servers', alice, { name: 'uploads' });
      const sid = server.body.id as string;
      channelId = (await call('POST', `/servers/${sid}/channels`, alice, { name: 'files' })).body.id;
      hiddenChannelId = (await call('POST', `/servers/${sid}/channels`, alice, { name: 'secret' })).body.id;
      const invite = await call('POST', `/servers/${sid}/invites`, alice, {});
      for (const u of [bob, carol])
        expect((await call('POST', `/invites/${invite.body.code}/accept`, u)).status).toBe(200);
      // carol may not see #files; nobody but alice sees #secret
      const deny = (Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY).toString();
      expect(
        (
          await call('PUT', `/channels/${channelId}/overwrites/${carol.id}`, alice, {
            type: 'member',
            allow: '0',
            deny: Permissions.VIEW_CHANNEL.toString(),
          })
        ).status,
      ).toBeLessThan(300);
      expect(
        (
          await call('PUT', `/channels/${hiddenChannelId}/overwrites/${sid}`, alice, {
            type: 'role',
            allow: '0',
            deny,
          })
        ).status,
      ).toBeLessThan(300);
      // a loaded machine makes PGlite slow to start; the default hook timeout is too tight then
    }, 120_000);

    afterAll(() => o?.close());

    it('uploads, completes, attaches and downloads byte-identical', async () => {
      const bytes = bytesOf(70_000);
      const created = await call('POST', '/assets', alice, {
        filename: 'holiday photo.png',
        content_type: 'image/png',
        size: bytes.length,
      });
      expect(created.status).toBe(201);
      expect(created.body.upload.method).toBe('PUT');
      expect(created.body.upload.headers).toEqual({ 'Content-Type': 'image/png' });
      if (kind === 'local')
        expect(created.body.upload.url).toMatch(
          /^\/storage\/upload\/assets\/\d+\/[0-9a-f]{32}\?exp=\d+&ct=image%2Fpng&size=70000&sig=/,
        );
      else expect(created.body.upload.url).toContain('X-Amz-Signature=');
      const [row] = await rows(alice.id).then((r) => r.filter((a) => a.id === created.body.id));
      expect(row).toMatchObject({
        status: 'pending',
        filename: 'holiday photo.png',
        content_type: 'image/png',
        size: '70000',
      });
      expect(row!.storage_key).toMatch(new RegExp(`^assets/${created.body.id}/[0-9a-f]{32}$`));

      expect((await upload(created.body.upload, bytes)).status).toBe(200);
      const done = await call('POST', `/assets/${created.body.id}/complete`, alice);
      expect(done.status).toBe(200);
      expect(done.body).toEqual({
        id: created.body.id,
        filename: 'holiday photo.png',
        content_type: 'image/png',
        size: 70_000,
        url: `/api/assets/${created.body.id}`,
        // the bytes are no picture: no pixel size
        width: null,
        height: null,
      });

      const owner = await download(alice, created.body.id);
      expect(owner.status).toBe(302);
      expect(owner.headers.get('cache-control')).toBe('no-store');
      expect(owner.bytes).toEqual(Buffer.from(bytes));

      // before it is posted, only the owner gets it
      expect((await download(bob, created.body.id)).status).toBe(404);

      const msg = await call('POST', `/channels/${channelId}/messages`, alice, {
        content: 'look',
        attachment_ids: [created.body.id],
      });
      expect(msg.status).toBe(201);
      expect(msg.body.attachments).toEqual([done.body]);

      const member = await download(bob, created.body.id);
      expect(member.status).toBe(302);
      expect(member.bytes).toEqual(Buffer.from(bytes));
      for (const who of [carol, dave]) {
        const res = await download(who, created.body.id);
        expect([res.status, res.body.error.code]).toEqual([404, 'unknown_asset']);
      }
    });

    it('lets only channels that can see the message pass, and the owner', async () => {
      const asset = await uploaded(alice, bytesOf(10), 'notes.txt', 'text/plain');
      expect(
        (
          await call('POST', `/channels/${hiddenChannelId}/messages`, alice, {
            content: '',
            attachment_ids: [asset.id],
          })
        ).status,
      ).toBe(201);
      for (const who of [bob, carol, dave]) expect((await download(who, asset.id)).status).toBe(404);
      expect((await download(alice, asset.id)).status).toBe(302);
    });

    it('tells a signed-in client what may be uploaded', async () => {
      const res = await call('GET', '/assets/limits', dave);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ content_types: readAssetConfig().ASSET_CONTENT_TYPES, max_bytes: 25 * MiB });
      expect((await call('GET', '/assets/limits', null)).status).toBe(401);
    });

    it('validates what is declared, inserting nothing for bad input', async () => {
      const before = (await rows(dave.id)).length;
      const bad: [unknown, number, string][] = [
        [{ filename: 'a/b.png', content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: 'a\\b.png', content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: 'a\nb.png', content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: 'a\u0000b', content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: '..', content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: '', content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: 'x'.repeat(256), content_type: 'image/png', size: 1 }, 400, 'invalid_input'],
        [{ filename: 'a.html', content_type: 'text/html', size: 1 }, 400, 'unsupported_content_type'],
        [{ filename: 'a.svg', content_type: 'image/svg+xml', size: 1 }, 400, 'unsupported_content_type'],
        [{ filename: 'a.png', content_type: 'image/png', size: 0 }, 400, 'invalid_input'],
        [{ filename: 'a.png', content_type: 'image/png', size: -5 }, 400, 'invalid_input'],
        [{ filename: 'a.png', content_type: 'image/png', size: 1.5 }, 400, 'invalid_input'],
        [{ filename: 'a.png', content_type: 'image/png', size: '12' }, 400, 'invalid_input'],
        [{ filename: 'a.png', content_type: 'image/png' }, 400, 'invalid_input'],
        [{ filename: 'a.png', content_type: 'image/png', size: 25 * MiB + 1 }, 413, 'asset_too_large'],
        [{ filename: 'a.png', content_type: 'image/png', size: 1e20 }, 413, 'asset_too_large'],
      ];
      for (const [body, status, code] of bad) {
        const res = await call('POST', '/assets', dave, body);
        expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      }
      expect(
        (await call('POST', '/assets', null, { filename: 'a.png', content_type: 'image/png', size: 1 }))
          .status,
      ).toBe(401);
      expect((await rows(dave.id)).length).toBe(before);
      // exactly the limit is fine, and a type is matched case-insensitively
      const max = await call('POST', '/assets', dave, {
        filename: 'big.mp4',
        content_type: 'Video/MP4',
        size: 25 * MiB,
      });
      expect(max.status).toBe(201);
      expect(max.body.upload.headers).toEqual({ 'Content-Type': 'video/mp4' });
    });

    it('refuses to complete what is not there, not the declared size, or not yours', async () => {
      const created = await call('POST', '/assets', bob, {
        filename: 'a.zip',
        content_type: 'application/zip',
        size: 10,
      });
      const id = created.body.id as string;
      let res = await call('POST', `/assets/${id}/complete`, bob);
      expect([res.status, res.body.error.code]).toEqual([400, 'upload_missing']);

      // someone else's asset, an unknown one and a malformed id
      res = await call('POST', `/assets/${id}/complete`, alice);
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_asset']);
      res = await call('POST', `/assets/${newId()}/complete`, bob);
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_asset']);
      res = await call('POST', `/assets/nope/complete`, bob);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_input']);
      res = await call('GET', `/assets/${id}`, bob); // pending: nothing to download
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_asset']);

      // fewer bytes than declared: refused at complete, and the object is removed
      expect((await upload(created.body.upload, bytesOf(5))).status).toBe(200);
      res = await call('POST', `/assets/${id}/complete`, bob);
      expect([res.status, res.body.error.code]).toEqual([400, 'size_mismatch']);
      const [row] = (await rows(bob.id)).filter((a) => a.id === id);
      expect(row!.status).toBe('pending');
      expect(await storage.stat(row!.storage_key)).toBeNull();

      // the same URL still takes the right bytes; then complete works once
      expect((await upload(created.body.upload, bytesOf(10))).status).toBe(200);
      expect((await call('POST', `/assets/${id}/complete`, bob)).status).toBe(200);
      res = await call('POST', `/assets/${id}/complete`, bob);
      expect([res.status, res.body.error.code]).toEqual([409, 'already_completed']);
      res = await call('POST', `/assets/${id}/complete`, alice);
      expect([res.status, res.body.error.code]).toEqual([404, 'unknown_asset']);
    });

    it('never leaves more than the declared bytes or another type', async () => {
      const created = await call('POST', '/assets', bob, {
        filename: 'b.zip',
        content_type: 'application/zip',
        size: 4,
      });
      const key = (await rows(bob.id)).find((a) => a.id === created.body.id)!.storage_key;
      const put = await upload(created.body.upload, bytesOf(9));
      if (kind === 'local') {
        // the Edge refuses it outright and keeps nothing
        expect([put.status, await codeOf(put)]).toEqual([413, 'upload_too_large']);
        expect(await storage.stat(key)).toBeNull();
        expect(await readdir(join(dir, '.tmp'))).toEqual([]);
      } else {
        // real S3 refuses the signed Content-Length; s3rver does not, so complete must
        expect(put.status).toBe(200);
      }
      let res = await call('POST', `/assets/${created.body.id}/complete`, bob);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(kind === 'local' ? 'upload_missing' : 'size_mismatch');
      expect(await storage.stat(key)).toBeNull();

      const typed = await call('POST', '/assets', bob, {
        filename: 'c.png',
        content_type: 'image/png',
        size: 3,
      });
      const wrongType = await upload(typed.body.upload, bytesOf(3), { 'Content-Type': 'text/html' });
      if (kind === 'local') {
        expect([wrongType.status, await codeOf(wrongType)]).toEqual([400, 'content_type_mismatch']);
        res = await call('POST', `/assets/${typed.body.id}/complete`, bob);
        expect([res.status, res.body.error.code]).toEqual([400, 'upload_missing']);
      } else {
        expect(wrongType.status).toBe(200);
        res = await call('POST', `/assets/${typed.body.id}/complete`, bob);
        expect([res.status, res.body.error.code]).toEqual([400, 'content_type_mismatch']);
      }
      expect((await rows(bob.id)).find((a) => a.id === typed.body.id)!.status).toBe('pending');
    });

    it.runIf(kind === 'local')('refuses tampered and expired storage URLs, writing nothing', async () => {
      const created = await call('POST', '/assets', bob, {
        filename: 'd.zip',
        content_type: 'application/zip',
        size: 3,
      });
      const key = (await rows(bob.id)).find((a) => a.id === created.body.id)!.storage_key;
      const tampered = {
        ...created.body.upload,
        url: created.body.upload.url.replace('size=3', 'size=3000'),
      };
      let put = await upload(tampered, bytesOf(3));
      expect([put.status, await codeOf(put)]).toEqual([403, 'invalid_signature']);
      const q = signStorageParams(SIGNING, 'PUT', key, {
        exp: String(Math.floor(Date.now() / 1000) - 1),
        ct: 'application/zip',
        size: '3',
      });
      put = await upload(
        { url: `/storage/upload/${key}?${q}`, headers: { 'Content-Type': 'application/zip' } },
        bytesOf(3),
      );
      expect([put.status, await codeOf(put)]).toEqual([403, 'url_expired']);
      expect(await storage.stat(key)).toBeNull();

      // a download URL with a changed name or type is refused too
      const asset = await uploaded(bob, bytesOf(3));
      const location = (await call('GET', `/assets/${asset.id}`, bob)).headers.get('location')!;
      const got = await fetch(
        o.abs(location.replace(/fn=[^&]+/, 'fn=evil.html').replace(/ct=[^&]+/, 'ct=text%2Fhtml')),
      );
      expect([got.status, await codeOf(got)]).toEqual([403, 'invalid_signature']);
    });

    it('removes objects no message holds any more once messages go', async () => {
      const asset = await uploaded(alice, bytesOf(20));
      const key = (await rows(alice.id)).find((a) => a.id === asset.id)!.storage_key;
      const m1 = await call('POST', `/channels/${channelId}/messages`, alice, {
        content: 'one',
        attachment_ids: [asset.id],
      });
      const m2 = await call('POST', `/channels/${channelId}/messages`, alice, {
        content: 'two',
        attachment_ids: [asset.id],
      });
      expect((await call('DELETE', `/messages/${m1.body.id}`, alice)).status).toBe(204);
      expect(await service.deleteUnreferencedAssets([asset.id])).toBe(0);
      expect(await storage.stat(key)).not.toBeNull();
      expect((await download(bob, asset.id)).status).toBe(302);

      // deleting the last message holding it removes the asset and its object at once
      expect((await call('DELETE', `/messages/${m2.body.id}`, alice)).status).toBe(204);
      expect(await storage.stat(key)).toBeNull();
      expect(await service.deleteUnreferencedAssets([asset.id, newId()])).toBe(0);
      expect((await download(alice, asset.id)).status).toBe(404);
      expect(await service.deleteUnreferencedAssets([])).toBe(0);
    });

    it('sweeps uploads left pending, or posted nowhere, for a day, with their objects', async () => {
      const stale = await call('POST', '/assets', dave, {
        filename: 'old.zip',
        content_type: 'application/zip',
        size: 3,
      });
      expect((await upload(stale.body.upload, bytesOf(3))).status).toBe(200);
      const fresh = await call('POST', '/assets', dave, {
        filename: 'new.zip',
        content_type: 'application/zip',
        size: 3,
      });
      const unposted = await uploaded(dave, bytesOf(3));
      const posted = await uploaded(alice, bytesOf(3));
      const recent = await uploaded(dave, bytesOf(3));
      expect(
        (
          await call('POST', `/channels/${channelId}/messages`, alice, {
            content: 'p',
            attachment_ids: [posted.id],
          })
        ).status,
      ).toBe(201);
      const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
      const old = [stale.body.id, unposted.id, posted.id];
      await database.db
        .updateTable('assets')
        .set({ created_at: dayAgo, completed_at: dayAgo })
        .where('id', 'in', old)
        .execute();
      await database.db
        .updateTable('assets')
        .set({ created_at: dayAgo })
        .where('id', '=', fresh.body.id)
        .execute();
      await database.db
        .updateTable('assets')
        .set({ completed_at: null })
        .where('id', '=', fresh.body.id)
        .execute();
      const keys = new Map(
        (await database.db.selectFrom('assets').select(['id', 'storage_key']).execute()).map((a) => [
          a.id,
          a.storage_key,
        ]),
      );

      expect(await service.sweep()).toBeGreaterThanOrEqual(2);
      const left = (await database.db.selectFrom('assets').select('id').execute()).map((a) => a.id);
      expect(left).not.toContain(stale.body.id);
      expect(left).not.toContain(unposted.id);
      expect(left).not.toContain(fresh.body.id); // pending and created a day ago
      expect(left).toContain(posted.id);
      expect(left).toContain(recent.id);
      expect(await storage.stat(keys.get(stale.body.id)!)).toBeNull();
      expect(await storage.stat(keys.get(unposted.id)!)).toBeNull();
      expect(await storage.stat(keys.get(posted.id)!)).not.toBeNull();
      expect((await download(bob, posted.id)).status).toBe(302);
      expect(await service.sweep()).toBe(0);
    });
  });
}
