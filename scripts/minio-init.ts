/**
 * `make minio-init`: creates the S3_BUCKET when missing and sets the CORS policy that lets the
 * browser PUT and GET straight to it from DEV_ALLOWED_ORIGINS and the Edge. Safe to re-run.
 */
import { pathToFileURL } from 'node:url';
import { openS3Storage, readStorageConfig, storageConfigSpec } from '@twopointo/storage';
import { ConfigError, env, readConfig } from '@twopointo/server-kit';

const EDGE_ORIGIN = 'http://localhost:60420';

export type MinioInitOverrides = Partial<
  Record<keyof typeof storageConfigSpec | 'DEV_ALLOWED_ORIGINS', string>
>;

export interface MinioInitResult {
  bucket: string;
  bucketAction: 'created' | 'exists';
  origins: string[];
}

export async function minioInit(
  overrides: MinioInitOverrides = {},
  log: (line: string) => void = console.log,
): Promise<MinioInitResult> {
  const config = readStorageConfig(overrides);
  if (!config.S3_ENDPOINT || !config.S3_BUCKET) {
    throw new ConfigError(
      config.S3_ENDPOINT ? 'S3_BUCKET' : 'S3_ENDPOINT',
      'is required: minio-init needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY and S3_SECRET_KEY (see infra/.env.example)',
    );
  }
  const { DEV_ALLOWED_ORIGINS } = readConfig(
    { DEV_ALLOWED_ORIGINS: env.list(['http://localhost:5173']) },
    overrides,
  );
  const origins = [...new Set([...DEV_ALLOWED_ORIGINS, EDGE_ORIGIN])];
  const storage = openS3Storage(config);
  try {
    const bucketAction = await storage.ensureBucket();
    log(
      `bucket ${config.S3_BUCKET} at ${config.S3_ENDPOINT}: ${bucketAction === 'created' ? 'created' : 'already there'}`,
    );
    const rule = await storage.putBucketCors(origins);
    log(`CORS set: ${rule.AllowedMethods?.join(', ')} from ${origins.join(', ')} (any header, exposes ETag)`);
    return { bucket: config.S3_BUCKET, bucketAction, origins };
  } finally {
    storage.client.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  minioInit().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(`minio-init failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
