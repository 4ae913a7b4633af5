/**
 * Compresses answers on the fly (brotli or gzip, by Accept-Encoding) when they are over
 * COMPRESS_THRESHOLD bytes: the Edge's own JSON and what Identity and Official send through the
 * proxies. The web client's files come precompressed from the build (see web-client.ts) and
 * pass through untouched, as does every answer that already has a Content-Encoding.
 */
import { Readable } from 'node:stream';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@twopointo/shared';

/** Below this many bytes compression saves less than it costs (headers, a zlib stream per answer). */
export const COMPRESS_THRESHOLD = 1024;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  // @fastify/compress applies its threshold to buffered bodies only; a proxied answer or a file is
  // a stream and would be compressed at any size. A stream that declares a small length is
  // read into a buffer first (at most COMPRESS_THRESHOLD bytes), so the threshold holds for it
  // too. This hook is the app's, so it runs before the plugin's route-level one.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!(payload instanceof Readable)) return payload;
    const length = Number(reply.getHeader('content-length'));
    if (!Number.isInteger(length) || length >= COMPRESS_THRESHOLD) return payload;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of payload) chunks.push(Buffer.from(chunk as Uint8Array));
    } catch {
      throw new AppError(502, 'bad_gateway', 'The answer broke off before its end');
    }
    return Buffer.concat(chunks);
  });
  await app.register(compress, {
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    // request bodies stream to the upstreams as they came, Content-Encoding and all: inflating
    // them here would forward plain bytes still labelled as compressed
    globalDecompression: false,
  });
}
