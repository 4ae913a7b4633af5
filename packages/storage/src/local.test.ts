import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidKeyError, LocalStorage, ObjectTooLargeError } from './local.ts';
import { openStorage, readStorageConfig, resolveSigningSecret } from './config.ts';
import { S3Storage } from './s3.ts';

let dir: string;
let storage: LocalStorage;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-local-'));
  storage = new LocalStorage({ dir: join(dir, 'assets'), signingSecret: 's3cret' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const splitUrl = (url: string) => {
  const u = new URL(url, 'http://edge');
  return { path: u.pathname, query: Object.fromEntries(u.searchParams) };
};

describe('LocalStorage', () => {
  it('signs Edge upload and download URLs it can verify', async () => {
    const up = await storage.presignUpload('assets/1/aa', 'image/png', 5, 60);
    expect(up.method).toBe('PUT');
    expect(up.headers).toEqual({ 'Content-Type': 'image/png' });
    const { path, query } = splitUrl(up.url);
    expect(path).toBe('/storage/upload/assets/1/aa');
    expect(query).toMatchObject({ ct: 'image/png', size: '5' });
    expect(storage.verify('PUT', 'assets/1/aa', query)).toMatchObject({ ok: true });
    expect(storage.verify('PUT', 'assets/1/aa', { ...query, size: '6' })).toMatchObject({
      ok: false,
      reason: 'invalid_signature',
    });

    const down = splitUrl(await storage.presignDownload('assets/1/aa', 'cat pic.png', 'image/png', 60));
    expect(down.path).toBe('/storage/download/assets/1/aa');
    expect(storage.verify('GET', 'assets/1/aa', down.query)).toMatchObject({
      ok: true,
      params: { fn: 'cat pic.png' },
    });
    // an upload signature is no download signature
    expect(storage.verify('GET', 'assets/1/aa', query)).toMatchObject({ ok: false });
  });

  it('prefixes the public base URL when configured', async () => {
    const s = new LocalStorage({ dir, signingSecret: 'x', publicBaseUrl: 'http://localhost:60420/' });
    expect((await s.presignUpload('k', 'text/plain', 1, 60)).url).toMatch(
      /^http:\/\/localhost:60420\/storage\/upload\/k\?/,
    );
  });

  it('rejects keys that would leave the root', async () => {
    for (const k of ['../x', 'a/../../x', '/etc/passwd', 'a/./b', '']) {
      expect(() => storage.pathFor(k)).toThrow(InvalidKeyError);
      await expect(storage.presignUpload(k, 'text/plain', 1, 60)).rejects.toThrow(InvalidKeyError);
      await expect(storage.stat(k)).rejects.toThrow(InvalidKeyError);
      await expect(storage.delete([k])).rejects.toThrow(InvalidKeyError);
    }
  });

  it('writes, stats, reads and deletes objects', async () => {
    expect(await storage.stat('assets/2/bb')).toBeNull();
    expect(await storage.writeObject('assets/2/bb', Readable.from([Buffer.from('hello')]), 5)).toBe(5);
    expect(await storage.stat('assets/2/bb')).toEqual({ size: 5, contentType: undefined });
    const opened = await storage.openObject('assets/2/bb');
    expect(opened?.size).toBe(5);
    const chunks: Buffer[] = [];
    for await (const c of opened!.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    await storage.delete(['assets/2/bb', 'assets/2/missing']);
    expect(await storage.stat('assets/2/bb')).toBeNull();
    expect(await storage.openObject('assets/2/bb')).toBeNull();
    // empty per-asset directories go too
    expect(await readdir(join(dir, 'assets'))).not.toContain('2');
  });

  it('refuses a body over the limit and leaves nothing behind', async () => {
    await expect(
      storage.writeObject('assets/3/cc', Readable.from([Buffer.alloc(4), Buffer.alloc(4)]), 5),
    ).rejects.toThrow(ObjectTooLargeError);
    expect(await storage.stat('assets/3/cc')).toBeNull();
    expect(await readdir(join(dir, 'assets', '.tmp'))).toEqual([]);
  });

  it('keeps an existing object when a replacement upload fails', async () => {
    await storage.writeObject('assets/4/dd', Readable.from([Buffer.from('old')]), 3);
    await expect(
      storage.writeObject('assets/4/dd', Readable.from([Buffer.from('newer')]), 3),
    ).rejects.toThrow(ObjectTooLargeError);
    expect(await readFile(join(dir, 'assets/assets/4/dd'), 'utf8')).toBe('old');
  });

  it('does not follow a directory as an object', async () => {
    await writeFile(join(dir, 'assets', 'plain'), 'x');
    expect(await storage.stat('assets')).toBeNull();
    expect(await storage.stat('plain/sub')).toBeNull();
  });
});

describe('openStorage', () => {
  it('picks local disk without S3 config and S3 with it', () => {
    const local = openStorage(readStorageConfig({ DATA_DIR: dir }));
    expect(local).toBeInstanceOf(LocalStorage);
    expect((local as LocalStorage).root).toBe(join(dir, 'assets'));
    const s3 = openStorage(
      readStorageConfig({
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY: 'k',
        S3_SECRET_KEY: 's',
      }),
    );
    expect(s3).toBeInstanceOf(S3Storage);
  });

  it('names the missing S3 variable', () => {
    expect(() =>
      openStorage(
        readStorageConfig({ S3_ENDPOINT: 'http://127.0.0.1:9', S3_BUCKET: 'b', S3_ACCESS_KEY: 'k' }),
      ),
    ).toThrow(/S3_SECRET_KEY/);
  });

  it('derives the signing secret so separate processes agree', () => {
    expect(resolveSigningSecret({ STORAGE_SIGNING_SECRET: 'a', INTERNAL_SECRET: 'b' })).toBe('a');
    const d = resolveSigningSecret({ STORAGE_SIGNING_SECRET: undefined, INTERNAL_SECRET: 'b' });
    expect(d).toBe(resolveSigningSecret({ STORAGE_SIGNING_SECRET: undefined, INTERNAL_SECRET: 'b' }));
    expect(d).not.toBe('b');
    const r = resolveSigningSecret({ STORAGE_SIGNING_SECRET: undefined, INTERNAL_SECRET: undefined });
    expect(r).not.toBe(
      resolveSigningSecret({ STORAGE_SIGNING_SECRET: undefined, INTERNAL_SECRET: undefined }),
    );
  });
});
