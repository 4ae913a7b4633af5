/**
 * The proxies stream request bodies straight to the upstream, so Fastify's own body limit never
 * sees them. This parser enforces BODY_LIMIT while still streaming: a declared length over the
 * limit is refused at once; a chunked body is cut off when it crosses the limit.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tooLarge } from '@twopointo/shared';

/** Marks the error a counted stream fails with, so the proxy answers 413 rather than 502. */
export const BODY_TOO_LARGE = 'EDGE_BODY_TOO_LARGE';

class CountingLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      cb(Object.assign(new Error('Payload too large'), { code: BODY_TOO_LARGE }));
      return;
    }
    cb(null, chunk);
  }
}

/** The 413 to answer when the request's counted body already crossed the limit (before forwarding). */
export function bodyLimitCrossed(req: FastifyRequest, limit: number): Error | undefined {
  const body = req.body;
  if (body instanceof CountingLimit && (body.errored as { code?: string } | null)?.code === BODY_TOO_LARGE) {
    return tooLarge(`Request body over ${limit} bytes`);
  }
  return undefined;
}

/** Installs pass-through parsers for every content type in this (encapsulated) context. */
export function installStreamingBodyLimit(app: FastifyInstance, limit: number): void {
  const parser = (
    req: FastifyRequest,
    payload: NodeJS.ReadableStream,
    done: (err: Error | null, body?: unknown) => void,
  ) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > limit) return done(tooLarge(`Request body over ${limit} bytes`));
      return done(null, payload);
    }
    const counted = new CountingLimit(limit);
    payload.on('error', (err) => counted.destroy(err));
    // The token check runs after parsing, so the limit can be crossed before the proxy reads the
    // stream. Keep the failure on the stream (undici reads `errored` when it starts) rather than
    // letting an 'error' with no listener yet bring the process down.
    counted.on('error', () => {});
    done(null, payload.pipe(counted));
  };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', parser);
}
