/** Object storage contract: S3/MinIO (presigned URLs) or local disk (HMAC-signed URLs served by the Edge). */

export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** headers the client must send with the PUT */
  headers: Record<string, string>;
}

export interface ObjectInfo {
  size: number;
  contentType: string | undefined;
}

export interface ObjectStorage {
  readonly kind: 's3' | 'local';
  /** origin of the URLs handed to browsers, when it is not the Edge's own (the CSP allows it) */
  readonly browserOrigin: string | undefined;
  /** URL the browser PUTs the bytes to, valid for ttlSeconds */
  presignUpload(key: string, contentType: string, size: number, ttlSeconds: number): Promise<PresignedUpload>;
  /** short-lived URL to download the object */
  presignDownload(key: string, filename: string, contentType: string, ttlSeconds: number): Promise<string>;
  /** size and type of a stored object, or null when there is none */
  stat(key: string): Promise<ObjectInfo | null>;
  /** the stored bytes, or null when there is none; rejects with ObjectTooLargeError above maxBytes */
  readBytes(key: string, maxBytes: number): Promise<Buffer | null>;
  /** stores bytes the server made itself (e.g. a resized image), replacing any object at key */
  writeBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** removes objects; missing ones are ignored */
  delete(keys: string[]): Promise<void>;
  healthy(): Promise<boolean>;
}
