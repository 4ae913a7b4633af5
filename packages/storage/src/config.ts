/** Storage config and the factory choosing S3 or local disk from it. */
import { createHmac, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError, env, readConfig } from '@twopointo/server-kit';
import { LocalStorage } from './local.ts';
import { S3Storage } from './s3.ts';
import type { ObjectStorage } from './types.ts';

export const storageConfigSpec = {
  S3_ENDPOINT: env.optionalUrl(),
  S3_PUBLIC_ENDPOINT: env.optionalUrl(),
  S3_REGION: env.string('us-east-1'),
  S3_BUCKET: env.optional(),
  S3_ACCESS_KEY: env.optional(),
  S3_SECRET_KEY: env.optional(),
  DATA_DIR: env.string('./data'),
  STORAGE_SIGNING_SECRET: env.optional(),
  /** origin put in front of local-disk URLs; unset → relative URLs on the Edge */
  STORAGE_PUBLIC_URL: env.optionalUrl(),
  INTERNAL_SECRET: env.optional(),
};

export type StorageConfig = ReturnType<typeof readStorageConfig>;

export function readStorageConfig(overrides: Partial<Record<keyof typeof storageConfigSpec, string>> = {}) {
  return readConfig(storageConfigSpec, overrides);
}

export function isS3Configured(config: Pick<StorageConfig, 'S3_ENDPOINT' | 'S3_BUCKET'>): boolean {
  return Boolean(config.S3_ENDPOINT || config.S3_BUCKET);
}

/**
 * Key for local-disk URLs. Edge and Official must agree: STORAGE_SIGNING_SECRET, else one
 * derived from INTERNAL_SECRET (which both hold), else a fresh one — only right when one
 * process runs both and shares this storage object (all-in-one).
 */
export function resolveSigningSecret(
  config: Pick<StorageConfig, 'STORAGE_SIGNING_SECRET' | 'INTERNAL_SECRET'>,
): string {
  if (config.STORAGE_SIGNING_SECRET) return config.STORAGE_SIGNING_SECRET;
  if (config.INTERNAL_SECRET)
    return createHmac('sha256', config.INTERNAL_SECRET)
      .update('twopointo storage url signing')
      .digest('base64url');
  return randomBytes(32).toString('base64url');
}

/** S3 when S3_ENDPOINT or S3_BUCKET is set (then bucket and keys are required), local disk otherwise. */
export function openStorage(config: StorageConfig): ObjectStorage {
  if (isS3Configured(config)) return openS3Storage(config);
  return new LocalStorage({
    dir: join(resolve(config.DATA_DIR), 'assets'),
    signingSecret: resolveSigningSecret(config),
    publicBaseUrl: config.STORAGE_PUBLIC_URL,
  });
}

/** S3Storage from config; a ConfigError names the first missing S3_* variable. */
export function openS3Storage(config: StorageConfig): S3Storage {
  const need = (name: 'S3_BUCKET' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY'): string => {
    const v = config[name];
    if (!v) throw new ConfigError(name, 'is required when S3 storage is configured');
    return v;
  };
  return new S3Storage({
    endpoint: config.S3_ENDPOINT,
    publicEndpoint: config.S3_PUBLIC_ENDPOINT,
    region: config.S3_REGION,
    bucket: need('S3_BUCKET'),
    accessKeyId: need('S3_ACCESS_KEY'),
    secretAccessKey: need('S3_SECRET_KEY'),
  });
}
