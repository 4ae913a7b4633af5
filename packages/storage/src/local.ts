/** Local-disk storage: files under DATA_DIR/assets, reached through HMAC-signed Edge URLs. */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  isValidKey,
  signStorageParams,
  verifySignedUrl,
  type SignedMethod,
  type VerifyResult,
} from './signed-url.ts';
import type { ObjectInfo, ObjectStorage, PresignedUpload } from './types.ts';

export interface LocalStorageOptions {
  /** directory holding the objects (DATA_DIR/assets) */
  dir: string;
  /** HMAC key shared by whoever signs (Official) and whoever verifies (Edge) */
  signingSecret: string;
  /** origin prefixed to the signed URLs (e.g. http://localhost:60420); empty → relative URLs */
  publicBaseUrl?: string;
}

export class InvalidKeyError extends Error {
  constructor() {
    super('Invalid storage key');
    this.name = 'InvalidKeyError';
  }
}

/** The body was longer than the signed size. */
export class ObjectTooLargeError extends Error {
  constructor() {
    super('Body exceeds the signed size');
    this.name = 'ObjectTooLargeError';
  }
}

export class LocalStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  readonly root: string;
  readonly browserOrigin: string | undefined;
  private readonly secret: string;
  private readonly base: string;

  constructor(opts: LocalStorageOptions) {
    this.root = resolve(opts.dir);
    this.secret = opts.signingSecret;
    this.base = (opts.publicBaseUrl ?? '').replace(/\/+$/, '');
    this.browserOrigin = this.base ? new URL(this.base).origin : undefined;
  }

  /** Absolute file path of a key; throws InvalidKeyError for anything that could leave the root. */
  pathFor(key: string): string {
    if (!isValidKey(key)) throw new InvalidKeyError();
    const p = resolve(this.root, key);
    if (!p.startsWith(this.root + sep)) throw new InvalidKeyError();
    return p;
  }

  async presignUpload(
    key: string,
    contentType: string,
    size: number,
    ttlSeconds: number,
  ): Promise<PresignedUpload> {
    this.pathFor(key);
    const q = signStorageParams(this.secret, 'PUT', key, {
      exp: expiry(ttlSeconds),
      ct: contentType,
      size: String(size),
    });
    return {
      url: `${this.base}/storage/upload/${key}?${q}`,
      method: 'PUT',
      headers: { 'Content-Type': contentType },
    };
  }

  async presignDownload(
    key: string,
    filename: string,
    contentType: string,
    ttlSeconds: number,
  ): Promise<string> {
    this.pathFor(key);
    const q = signStorageParams(this.secret, 'GET', key, {
      exp: expiry(ttlSeconds),
      fn: filename,
      ct: contentType,
    });
    return `${this.base}/storage/download/${key}?${q}`;
  }

  /** Checks a signed URL's query (for the Edge routes). */
  verify(
    method: SignedMethod,
    key: string,
    query: Record<string, string | string[] | undefined>,
  ): VerifyResult {
    return verifySignedUrl(this.secret, method, key, query);
  }

  /** Content type is not kept on disk: the signed upload URL already pinned it. */
  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const s = await stat(this.pathFor(key));
      return s.isFile() ? { size: s.size, contentType: undefined } : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /**
   * Streams a body into place: a temp file first, renamed when complete, so a reader never
   * sees half an object and a refused upload leaves nothing behind.
   */
  async writeObject(key: string, body: Readable, maxBytes: number): Promise<number> {
    const target = this.pathFor(key);
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    let written = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        if (written > maxBytes) cb(new ObjectTooLargeError());
        else cb(null, chunk);
      },
    });
    // body is piped, not part of the pipeline: on refusal it is left open (paused) so the caller
    // can still answer 413 on the same connection instead of the socket being torn down
    const onBodyError = (err: Error) => limit.destroy(err);
    body.once('error', onBodyError);
    body.pipe(limit);
    try {
      await pipeline(limit, createWriteStream(tmp, { flags: 'wx' }));
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
      return written;
    } catch (err) {
      body.unpipe(limit);
      await rm(tmp, { force: true });
      throw err;
    } finally {
      body.off('error', onBodyError);
    }
  }

  /** A read stream and the size of a stored object, or null when there is none. */
  async openObject(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    const path = this.pathFor(key);
    try {
      const s = await stat(path);
      if (!s.isFile()) return null;
      return { stream: createReadStream(path), size: s.size };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async readBytes(key: string, maxBytes: number): Promise<Buffer | null> {
    const info = await this.stat(key);
    if (!info) return null;
    if (info.size > maxBytes) throw new ObjectTooLargeError();
    try {
      return await readFile(this.pathFor(key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async writeBytes(key: string, bytes: Uint8Array): Promise<void> {
    await this.writeObject(key, Readable.from([Buffer.from(bytes)]), bytes.byteLength);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const path = this.pathFor(key);
      await rm(path, { force: true });
      await this.pruneEmptyDirs(dirname(path));
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await mkdir(this.root, { recursive: true });
      return true;
    } catch {
      return false;
    }
  }

  /** Removes now-empty directories between a deleted file and the root. */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    while (dir.startsWith(this.root + sep)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or gone): stop climbing
      }
      dir = dirname(dir);
    }
  }
}

function expiry(ttlSeconds: number): string {
  return String(Math.floor(Date.now() / 1000) + Math.max(1, Math.floor(ttlSeconds)));
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
