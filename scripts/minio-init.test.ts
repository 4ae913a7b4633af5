import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '@twopointo/storage';
import { startTestS3, type TestS3 } from '@twopointo/storage/testing';
import { minioInit } from './minio-init.ts';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

describe('minio-init', () => {
  it('creates the bucket and CORS once, then finds them there', async () => {
    const lines: string[] = [];
    const overrides = {
      ...s3.env,
      S3_BUCKET: 'init-bucket',
      DEV_ALLOWED_ORIGINS: 'http://localhost:5173, http://app.test',
    };
    const first = await minioInit(overrides, (l) => lines.push(l));
    expect(first).toEqual({
      bucket: 'init-bucket',
      bucketAction: 'created',
      origins: ['http://localhost:5173', 'http://app.test', 'http://localhost:60420'],
    });
    const second = await minioInit(overrides, (l) => lines.push(l));
    expect(second.bucketAction).toBe('exists');
    expect(lines[0]).toMatch(/bucket init-bucket .*: created/);
    expect(lines[2]).toMatch(/already there/);
    expect(lines[3]).toMatch(/CORS set: PUT, GET, HEAD from http:\/\/localhost:5173/);

    const check = new S3Storage({
      endpoint: s3.endpoint,
      bucket: 'init-bucket',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    const rules = await check.getBucketCors();
    check.client.destroy();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      AllowedOrigins: first.origins,
      AllowedHeaders: ['*'],
      ExposeHeaders: ['ETag'],
    });
  });

  it('fails clearly when S3 is not configured', async () => {
    await expect(minioInit({ S3_ENDPOINT: '', S3_BUCKET: '' }, () => undefined)).rejects.toThrow(
      /S3_ENDPOINT is required/,
    );
    const run = promisify(execFile)('npx', ['tsx', 'scripts/minio-init.ts'], {
      env: { ...process.env, S3_ENDPOINT: '', S3_BUCKET: '', S3_ACCESS_KEY: '', S3_SECRET_KEY: '' },
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/S3_ENDPOINT is required/),
    });
  });
});
