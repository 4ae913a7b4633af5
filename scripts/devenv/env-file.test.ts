import { describe, expect, it } from 'vitest';
import { infraEnv, readEnvValue, updateEnvText } from './env-file.ts';

describe('updateEnvText', () => {
  it('replaces keys in place, keeps comments and order, appends missing keys', () => {
    const before = '# db\nDATABASE_URL=\nexport NATS_URL=nats://old:4222\nLOG_LEVEL=info\n';
    const after = updateEnvText(before, {
      DATABASE_URL: 'postgres://x@h:1/d',
      NATS_URL: 'nats://localhost:14222',
      REDIS_URL: 'redis://r:1',
    });
    expect(after).toBe(
      '# db\nDATABASE_URL=postgres://x@h:1/d\nNATS_URL=nats://localhost:14222\nLOG_LEVEL=info\nREDIS_URL=redis://r:1\n',
    );
  });

  it('leaves a commented-out key alone and handles an empty file', () => {
    expect(updateEnvText('# NATS_URL=nats://x\n', { NATS_URL: 'nats://y' })).toBe(
      '# NATS_URL=nats://x\nNATS_URL=nats://y\n',
    );
    expect(updateEnvText('', { A: '1' })).toBe('A=1\n');
  });

  it('reads a value back', () => {
    expect(readEnvValue('A=1\nINTERNAL_SECRET="abc"\n', 'INTERNAL_SECRET')).toBe('abc');
    expect(readEnvValue('INTERNAL_SECRET=\n', 'INTERNAL_SECRET')).toBe('');
    expect(readEnvValue('', 'X')).toBe('');
  });
});

describe('infraEnv', () => {
  it('builds the URLs from the effective host ports', () => {
    expect(
      infraEnv({
        postgres: {
          host: 'localhost',
          port: 15432,
          user: 'twopointo',
          password: 'twopointo',
          database: 'twopointo',
        },
        redis: { host: 'localhost', port: 6379 },
        nats: { host: 'localhost', port: 14222 },
        s3: { host: 'localhost', port: 19000, bucket: 'b', accessKey: 'k', secretKey: 's' },
      }),
    ).toEqual({
      DATABASE_URL: 'postgres://twopointo:twopointo@localhost:15432/twopointo',
      REDIS_URL: 'redis://localhost:6379',
      NATS_URL: 'nats://localhost:14222',
      S3_ENDPOINT: 'http://localhost:19000',
      S3_PUBLIC_ENDPOINT: 'http://localhost:19000',
      S3_BUCKET: 'b',
      S3_ACCESS_KEY: 'k',
      S3_SECRET_KEY: 's',
    });
  });

  it('without MinIO clears S3_ENDPOINT and S3_BUCKET so storage stays on local disk', () => {
    const env = infraEnv({
      postgres: { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'twopointo' },
      redis: { host: '127.0.0.1', port: 6379 },
      nats: { host: '127.0.0.1', port: 4222 },
    });
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/twopointo');
    expect(env.S3_ENDPOINT).toBe('');
    expect(env.S3_BUCKET).toBe('');
  });
});
