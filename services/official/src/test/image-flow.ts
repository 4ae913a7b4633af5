/**
 * GET /images/:aid/:size on one storage kind, every database: run by images/images.local.test.ts
 * and images/images.s3.test.ts (split so each file stays quick).
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type TestDatabase } from '@twopointo/db';
import { newId } from '@twopointo/shared';
import type { ObjectStorage } from '@twopointo/storage';
import { AssetRepository } from '../assets/asset.repository.ts';
import { variantKey } from '../images/image.service.ts';
import { claimPublicImage, MAX_IMAGE_BYTES } from '../images/public-image.ts';
import { startStorageOfficial, type StorageOfficial } from './storage-official.ts';

const SECRET = 'images-test-internal-secret-0123';

/** A PNG whose header claims width × height pixels (a decompression bomb's calling card). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  // IHDR data starts at 16 (8 signature + 4 length + 4 type); its CRC covers type and data
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

export function describeImageFlow(kind: 'local' | 's3'): void {
  describe.each(TEST_BACKENDS)(`images on %s with ${kind} storage`, (backend) => {
    let o: StorageOfficial;
    let database: TestDatabase;
    let url: string;
    let storage: ObjectStorage;
    let owner: string;

    /** a ready asset holding `bytes`, public unless asked not to be */
    const stored = async (bytes: Buffer, o: { public?: boolean; type?: string } = {}) => {
      const aid = newId();
      const key = `assets/${aid}/original`;
      await storage.writeBytes(key, bytes, o.type ?? 'image/png');
      await database.db
        .insertInto('assets')
        .values({
          id: aid,
          owner_id: owner,
          filename: 'a.png',
          content_type: o.type ?? 'image/png',
          size: String(bytes.length),
          storage_key: key,
          status: 'ready',
        })
        .execute();
      if (o.public !== false) {
        const refused = await database.db.transaction().execute((trx) => claimPublicImage(trx, owner, aid));
        // an original over the limit is refused by the claim: flag it by hand to test the route's own guard
        if (refused === 'too_large')
          await database.db.updateTable('assets').set({ public: true }).where('id', '=', aid).execute();
        else expect(refused).toBeNull();
      }
      return aid;
    };
    const get = (path: string, headers: Record<string, string> = { 'x-internal-secret': SECRET }) =>
      fetch(url + path, { headers });
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

    beforeAll(async () => {
      o = await startStorageOfficial(backend, kind, { internal: SECRET, signing: 'images-signing' });
      ({ database, storage, url } = o);
      owner = (await o.user('img')).id;
    }, 120_000);

    afterAll(() => o?.close());

    it('serves a public image as a square WebP of each size, made once and cached for a year', async () => {
      const original = await sharp({
        create: { width: 300, height: 200, channels: 3, background: '#3366cc' },
      })
        .png()
        .toBuffer();
      const aid = await stored(original);
      for (const size of [32, 64, 128, 256]) {
        const res = await get(`/images/${aid}/${size}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/webp');
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
          format: 'webp',
          width: size,
          height: size,
        });
      }
      const variants = await database.db
        .selectFrom('image_variants')
        .select(['size', 'storage_key'])
        .where('asset_id', '=', aid)
        .orderBy('size')
        .execute();
      expect(variants).toEqual(
        [32, 64, 128, 256].map((size) => ({ size, storage_key: variantKey(aid, size) })),
      );
      // stored through the storage package, next to the original
      expect(await storage.stat(variantKey(aid, 64))).toMatchObject({ size: expect.any(Number) });
      // a second request (another process would read it from storage) answers the same bytes
      const a = Buffer.from(await (await get(`/images/${aid}/64`)).arrayBuffer());
      const again = await storage.readBytes(variantKey(aid, 64), MAX_IMAGE_BYTES);
      expect(again?.equals(a)).toBe(true);
    });

    it('serves no asset that is not public: 404 unknown_asset, as for an unknown id', async () => {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      const privateAid = await stored(png, { public: false });
      for (const aid of [privateAid, newId()]) {
        const res = await get(`/images/${aid}/64`);
        expect(res.status).toBe(404);
        expect(await codeOf(res)).toBe('unknown_asset');
      }
    });

    it('refuses sizes it does not make, and bad ids (400)', async () => {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      const aid = await stored(png);
      for (const path of [`/images/${aid}/48`, `/images/${aid}/0`, `/images/${aid}/abc`, '/images/abc/64']) {
        const res = await get(path);
        expect(res.status, path).toBe(400);
        expect(await codeOf(res)).toBe('invalid_input');
      }
    });

    it('answers 415 invalid_image for bytes that are no image, a pixel bomb, or an original over the limit', async () => {
      const garbage = await stored(Buffer.from('this is not a png at all'.repeat(10)));
      const bomb = await stored(await pngClaiming(20_000, 20_000));
      const huge = await stored(Buffer.alloc(MAX_IMAGE_BYTES + 1, 7));
      for (const aid of [garbage, bomb, huge]) {
        const res = await get(`/images/${aid}/64`);
        expect(res.status).toBe(415);
        expect(await codeOf(res)).toBe('invalid_image');
      }
      const none = await database.db
        .selectFrom('image_variants')
        .select('asset_id')
        .where('asset_id', 'in', [garbage, bomb, huge])
        .execute();
      expect(none).toEqual([]);
    });

    it('still only answers the Edge (internal secret), but needs no user', async () => {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      const aid = await stored(png);
      expect((await get(`/images/${aid}/32`, {})).status).toBe(401);
      expect((await get(`/images/${aid}/32`)).status).toBe(200);
    });

    it('the orphan sweep keeps public images', async () => {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      const aid = await stored(png);
      await database.db
        .updateTable('assets')
        .set({ completed_at: new Date(Date.now() - 365 * 86400_000) })
        .where('id', '=', aid)
        .execute();
      await new AssetRepository(database.db).deleteStaleUnreferenced(new Date(), 500);
      expect(
        await database.db.selectFrom('assets').select('id').where('id', '=', aid).executeTakeFirst(),
      ).toEqual({
        id: aid,
      });
    });
  });
}
