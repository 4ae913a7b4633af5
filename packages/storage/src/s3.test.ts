import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from './s3.ts';
import { startTestS3, type TestS3 } from './testing.ts';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

describe('S3Storage (s3rver)', () => {
  it('presigns a PUT that signs content-type and content-length and carries no checksum params', async () => {
    const up = await s3.storage.presignUpload('assets/1/x', 'image/png', 4, 300);
    expect(up.method).toBe('PUT');
    expect(up.headers).toEqual({ 'Content-Type': 'image/png' });
    const u = new URL(up.url);
    expect(u.origin).toBe(s3.endpoint);
    expect(u.pathname).toBe(`/${s3.env.S3_BUCKET}/assets/1/x`); // path style
    expect(u.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(u.searchParams.get('X-Amz-Expires')).toBe('300');
    const signed = u.searchParams.get('X-Amz-SignedHeaders')!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-type', 'content-length', 'host']));
    for (const name of u.searchParams.keys()) {
      expect(name.toLowerCase()).not.toMatch(/^x-amz-(sdk-)?checksum/);
    }
  });

  it('uploads with fetch, stats, downloads and deletes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const up = await s3.storage.presignUpload('assets/2/y', 'image/png', bytes.length, 60);
    const put = await fetch(up.url, { method: 'PUT', headers: up.headers, body: bytes });
    expect(put.status).toBe(200);
    expect(await s3.storage.stat('assets/2/y')).toEqual({ size: 4, contentType: 'image/png' });

    const url = await s3.storage.presignDownload('assets/2/y', 'pic "1".png', 'image/png', 60);
    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('image/png');
    expect(get.headers.get('content-disposition')).toBe(
      `inline; filename="pic _1_.png"; filename*=UTF-8''pic%20%221%22.png`,
    );
    expect(Buffer.from(await get.arrayBuffer())).toEqual(bytes);

    await s3.storage.delete(['assets/2/y', 'assets/2/never-existed']);
    expect(await s3.storage.stat('assets/2/y')).toBeNull();
  });

  it('deletes in batches of 1000', async () => {
    const keys = Array.from({ length: 1003 }, (_, i) => `bulk/${i}`);
    await Promise.all(
      keys.slice(998).map(async (k) => {
        const up = await s3.storage.presignUpload(k, 'text/plain', 1, 60);
        await fetch(up.url, { method: 'PUT', headers: up.headers, body: 'x' });
      }),
    );
    expect(await s3.storage.stat('bulk/1002')).not.toBeNull();
    const sent: number[] = [];
    s3.storage.client.middlewareStack.add(
      (next, ctx) => async (args) => {
        if (ctx.commandName === 'DeleteObjectsCommand') {
          sent.push((args.input as { Delete: { Objects: unknown[] } }).Delete.Objects.length);
        }
        return next(args);
      },
      { step: 'initialize', name: 'countDeletes' },
    );
    await s3.storage.delete(keys);
    s3.storage.client.middlewareStack.remove('countDeletes');
    expect(sent).toEqual([1000, 3]);
    expect(await s3.storage.stat('bulk/1002')).toBeNull();
    expect(await s3.storage.stat('bulk/999')).toBeNull();
  });

  it('stat is null for a missing object and healthy reflects the bucket', async () => {
    expect(await s3.storage.stat('nope')).toBeNull();
    expect(await s3.storage.healthy()).toBe(true);
    const other = new S3Storage({
      endpoint: s3.endpoint,
      bucket: 'missing-bucket',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    expect(await other.healthy()).toBe(false);
    other.client.destroy();
  });

  it('ensureBucket and putBucketCors are idempotent', async () => {
    const fresh = new S3Storage({
      endpoint: s3.endpoint,
      bucket: 'fresh-bucket',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    expect(await fresh.ensureBucket()).toBe('created');
    expect(await fresh.ensureBucket()).toBe('exists');
    expect(await fresh.getBucketCors()).toEqual([]);
    const origins = ['http://localhost:5173', 'http://localhost:60420'];
    await fresh.putBucketCors(origins);
    await fresh.putBucketCors(origins);
    const rules = await fresh.getBucketCors();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      AllowedOrigins: origins,
      AllowedHeaders: ['*'],
      ExposeHeaders: ['ETag'],
    });
    expect(rules[0]!.AllowedMethods).toEqual(expect.arrayContaining(['PUT', 'GET']));
    // the policy works: a browser preflight from an allowed origin is answered
    const pre = await fetch(`${s3.endpoint}/fresh-bucket/some/key`, {
      method: 'OPTIONS',
      headers: {
        origin: origins[0]!,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
    const refused = await fetch(`${s3.endpoint}/fresh-bucket/some/key`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(refused.status).toBe(403);
    fresh.client.destroy();
  });
});
