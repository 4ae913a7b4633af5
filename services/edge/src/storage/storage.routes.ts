/**
 * Local-disk storage on the Edge: the browser PUTs and GETs asset bytes through URLs Official
 * signed (HMAC, see @twopointo/storage). With S3 storage there is nothing to serve here.
 * Register it encapsulated (plain `app.register`): it swaps in a raw-body parser for its routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, badRequest, notFound, type ErrorCode } from '@twopointo/shared';
import {
  LocalStorage,
  ObjectTooLargeError,
  contentDisposition,
  type ObjectStorage,
  type SignedMethod,
} from '@twopointo/storage';

export interface StorageRoutesOptions {
  storage: ObjectStorage;
}

type Query = Record<string, string | string[] | undefined>;

// a refused upload may still be sending: close the connection after the answer
const CLOSE = { connection: 'close' };
const refused = (status: number, code: ErrorCode, message: string) =>
  new AppError(status, code, message, CLOSE);

export async function storageRoutes(app: FastifyInstance, opts: StorageRoutesOptions): Promise<void> {
  if (!(opts.storage instanceof LocalStorage)) return;
  const storage = opts.storage;

  // bodies of any type arrive as the raw stream; only the upload route reads them
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

  const verified = (
    method: SignedMethod,
    req: FastifyRequest,
  ): { key: string; params: Record<string, string> } => {
    const key = (req.params as { '*': string })['*'];
    const result = storage.verify(method, key, req.query as Query);
    if (!result.ok) {
      throw result.reason === 'url_expired'
        ? refused(403, 'url_expired', 'This storage URL has expired')
        : refused(403, 'invalid_signature', 'Invalid storage URL signature');
    }
    return { key, params: result.params };
  };

  app.put('/storage/upload/*', { schema: { hide: true } }, async (req, reply) => {
    const { key, params } = verified('PUT', req);
    const given = (req.headers['content-type'] ?? '').trim().toLowerCase();
    if (given !== params.ct!.toLowerCase()) {
      throw new AppError(400, 'content_type_mismatch', `Content-Type must be ${params.ct}`, CLOSE);
    }
    const max = Number(params.size);
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > max)
      throw refused(413, 'upload_too_large', `The upload may have at most ${max} bytes`);
    const body = req.body as Readable | undefined;
    if (!body) throw badRequest('upload_missing', 'The upload has no body');
    try {
      await storage.writeObject(key, body, max);
    } catch (err) {
      if (err instanceof ObjectTooLargeError) {
        body.resume(); // discard the rest so the 413 can be read
        throw refused(413, 'upload_too_large', `The upload may have at most ${max} bytes`);
      }
      throw err;
    }
    return reply.status(200).send();
  });

  app.get('/storage/download/*', { schema: { hide: true } }, async (req, reply) => {
    const { key, params } = verified('GET', req);
    const object = await storage.openObject(key);
    if (!object) throw notFound('object');
    return reply
      .headers({
        'content-type': params.ct!,
        'content-length': String(object.size),
        'content-disposition': contentDisposition(params.fn!, params.ct!),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=300',
      })
      .send(object.stream);
  });
}
