/** Test helpers: a private s3rver on loopback and storage configs pointing at it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3Storage } from './s3.ts';

export interface TestS3 {
  endpoint: string;
  /** S3_* values for readStorageConfig overrides */
  env: {
    S3_ENDPOINT: string;
    S3_BUCKET: string;
    S3_ACCESS_KEY: string;
    S3_SECRET_KEY: string;
    S3_REGION: string;
  };
  /** a storage on a fresh bucket (created) */
  storage: S3Storage;
  close(): Promise<void>;
}

/** s3rver accepts only its built-in key pair. */
const KEY = 'S3RVER';

export async function startTestS3(bucket = `tp-${Date.now().toString(36)}`): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'tp-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const addr = await server.run();
  const endpoint = `http://127.0.0.1:${addr.port}`;
  const env = {
    S3_ENDPOINT: endpoint,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY: KEY,
    S3_SECRET_KEY: KEY,
    S3_REGION: 'us-east-1',
  };
  const storage = new S3Storage({
    endpoint,
    bucket,
    region: 'us-east-1',
    accessKeyId: KEY,
    secretAccessKey: KEY,
  });
  await storage.ensureBucket();
  return {
    endpoint,
    env,
    storage,
    close: async () => {
      storage.client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
