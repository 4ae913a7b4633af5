/** S3 / MinIO storage: the browser PUTs and GETs through presigned URLs, straight to the bucket. */
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  type CORSRule,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from './content-disposition.ts';
import { ObjectTooLargeError } from './local.ts';
import type { ObjectInfo, ObjectStorage, PresignedUpload } from './types.ts';

export interface S3StorageOptions {
  /** e.g. http://127.0.0.1:9000; unset → AWS's own endpoint for the region */
  endpoint?: string;
  /** endpoint browsers reach when it differs from the one the services use (Docker networks) */
  publicEndpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** S3 answers DeleteObjects with at most this many keys per call. */
const DELETE_BATCH = 1000;

export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  readonly browserOrigin: string;
  readonly client: S3Client;
  /** signs the URLs handed to browsers */
  private readonly presignClient: S3Client;

  constructor(opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.client = makeClient(opts, opts.endpoint);
    this.presignClient = opts.publicEndpoint ? makeClient(opts, opts.publicEndpoint) : this.client;
    // path-style URLs (forcePathStyle) live on the endpoint itself, or on AWS's regional one
    this.browserOrigin = new URL(
      opts.publicEndpoint ?? opts.endpoint ?? `https://s3.${opts.region}.amazonaws.com`,
    ).origin;
  }

  async presignUpload(
    key: string,
    contentType: string,
    size: number,
    ttlSeconds: number,
  ): Promise<PresignedUpload> {
    const cmd = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: contentType,
      ContentLength: size,
    });
    // signing both headers makes S3 refuse a PUT with another type or another length
    const url = await getSignedUrl(this.presignClient, cmd, {
      expiresIn: ttlSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, method: 'PUT', headers: { 'Content-Type': contentType } };
  }

  async presignDownload(
    key: string,
    filename: string,
    contentType: string,
    ttlSeconds: number,
  ): Promise<string> {
    const cmd = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: contentDisposition(filename, contentType),
    });
    return getSignedUrl(this.presignClient, cmd, { expiresIn: ttlSeconds });
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: Number(head.ContentLength ?? 0), contentType: head.ContentType };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async readBytes(key: string, maxBytes: number): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (Number(out.ContentLength ?? 0) > maxBytes) {
        out.Body?.transformToWebStream().cancel().catch(() => undefined);
        throw new ObjectTooLargeError();
      }
      const bytes = await out.Body?.transformToByteArray();
      return bytes ? Buffer.from(bytes) : Buffer.alloc(0);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async writeBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const out = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) {
        throw new Error(
          `S3 could not delete ${failed.length} object(s): ${failed[0]?.Code ?? 'unknown'} ${failed[0]?.Key ?? ''}`,
        );
      }
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return true;
    } catch {
      return false;
    }
  }

  /** Creates the bucket unless it is there; says which. */
  async ensureBucket(): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return 'exists';
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      return 'created';
    } catch (err) {
      // a concurrent init got there first
      const name = (err as { name?: string }).name;
      if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') return 'exists';
      throw err;
    }
  }

  /** Replaces the bucket's CORS policy with one rule letting `origins` PUT and GET from a browser. */
  async putBucketCors(origins: string[]): Promise<CORSRule> {
    const rule: CORSRule = {
      AllowedOrigins: origins,
      AllowedMethods: ['PUT', 'GET', 'HEAD'],
      AllowedHeaders: ['*'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 3600,
    };
    await this.client.send(
      new PutBucketCorsCommand({ Bucket: this.bucket, CORSConfiguration: { CORSRules: [rule] } }),
    );
    return rule;
  }

  /** The bucket's CORS rules ([] when none are set). */
  async getBucketCors(): Promise<CORSRule[]> {
    try {
      const out = await this.client.send(new GetBucketCorsCommand({ Bucket: this.bucket }));
      return out.CORSRules ?? [];
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchCORSConfiguration') return [];
      throw err;
    }
  }
}

function makeClient(opts: S3StorageOptions, endpoint: string | undefined): S3Client {
  return new S3Client({
    endpoint,
    region: opts.region,
    forcePathStyle: true,
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    // no SDK-added checksums: a presigned browser PUT could never supply them
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === 'NotFound' ||
    e.name === 'NoSuchKey' ||
    e.name === 'NoSuchBucket' ||
    e.$metadata?.httpStatusCode === 404
  );
}
