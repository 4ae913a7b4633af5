/**
 * Image attachments carry their pixel size (Discord's `width`/`height`): declared by the client,
 * checked at create, replaced at complete by what the stored bytes say, and shown on messages.
 * Real Official on port 0 (trusted headers), local storage through the Edge's routes, both databases.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startStorageOfficial, type StorageOfficial } from '../test/storage-official.ts';

const SECRET = 'dims-test-internal-secret-012345';

type Res = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } });

describe.each(TEST_BACKENDS)('asset image size on %s', (backend) => {
  let o: StorageOfficial;
  let alice = '';
  let channelId = '';

  const call = async (method: string, path: string, body?: unknown): Promise<Res> => {
    const headers: Record<string, string> = { 'x-internal-secret': SECRET, 'x-user-id': alice };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(o.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  /** create (with `extra` fields) → PUT → complete; returns the completed asset */
  const uploaded = async (bytes: Buffer, contentType: string, extra: Record<string, unknown> = {}) => {
    const created = await call('POST', '/assets', {
      filename: 'f',
      content_type: contentType,
      size: bytes.length,
      ...extra,
    });
    expect(created.status).toBe(201);
    const put = await fetch(o.abs(created.body.upload.url), {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: new Uint8Array(bytes),
    });
    expect(put.status).toBe(200);
    const done = await call('POST', `/assets/${created.body.id}/complete`);
    expect(done.status).toBe(200);
    return done.body as { id: string; width: number | null; height: number | null };
  };

  beforeAll(async () => {
    o = await startStorageOfficial(backend, 'local', { internal: SECRET, signing: 'dims-signing' });
    alice = (await o.user('alice')).id;
    const server = await call('POST', '/servers', { name: 'pictures' });
    channelId = (await call('POST', `/servers/${server.body.id}/channels`, { name: 'photos' })).body.id;
  }, 120_000);

  afterAll(() => o?.close());

  it('keeps the size the bytes say, not the declared one, and shows it on the message', async () => {
    const png = await picture(40, 30).png().toBuffer();
    const asset = await uploaded(png, 'image/png', { width: 999, height: 999 });
    expect(asset).toMatchObject({ width: 40, height: 30 });
    const row = await o.database.db
      .selectFrom('assets')
      .select(['width', 'height'])
      .where('id', '=', asset.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ width: 40, height: 30 });

    const posted = await call('POST', `/channels/${channelId}/messages`, { attachment_ids: [asset.id] });
    expect(posted.status).toBe(201);
    expect(posted.body.attachments[0]).toMatchObject({ id: asset.id, width: 40, height: 30 });
    const page = await call('GET', `/channels/${channelId}/messages?limit=1`);
    expect(page.body.messages[0].attachments[0]).toMatchObject({ width: 40, height: 30 });
  });

  it('derives the size when none is declared, turned as the EXIF orientation shows it', async () => {
    const webp = await picture(12, 7).webp().toBuffer();
    expect(await uploaded(webp, 'image/webp')).toMatchObject({ width: 12, height: 7 });
    // stored 40×20, orientation 6 (a quarter turn): shown 20 wide, 40 high
    const turned = await picture(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await uploaded(turned, 'image/jpeg', { width: 20, height: 40 })).toMatchObject({
      width: 20,
      height: 40,
    });
  });

  it('has no size for other files, nor for bytes that are not an image whatever was declared', async () => {
    expect(await uploaded(Buffer.from('plain words'), 'text/plain')).toMatchObject({
      width: null,
      height: null,
    });
    const fake = await uploaded(Buffer.from('not a png at all'), 'image/png', { width: 50, height: 50 });
    expect(fake).toMatchObject({ width: null, height: null });
  });

  it.each([
    ['only a width', { width: 10 }],
    ['only a height', { height: 10 }],
    ['a zero width', { width: 0, height: 10 }],
    ['a negative height', { width: 10, height: -3 }],
    ['a fractional width', { width: 10.5, height: 10 }],
    ['a side past the limit', { width: 16384, height: 10 }],
    ['a width that is text', { width: 'wide', height: 10 }],
  ])('refuses %s with 400 invalid_input', async (_, extra) => {
    const res = await call('POST', '/assets', {
      filename: 'p.png',
      content_type: 'image/png',
      size: 10,
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('refuses a pixel size on a file that is not an image', async () => {
    const res = await call('POST', '/assets', {
      filename: 'notes.txt',
      content_type: 'text/plain',
      size: 10,
      width: 10,
      height: 10,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_input' });
    expect(res.body.error.message).toMatch(/only an image/);
  });
});
