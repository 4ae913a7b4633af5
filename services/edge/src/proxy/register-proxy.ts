/**
 * One upstream behind a path prefix, via @fastify/http-proxy (undici). Bodies stream through
 * under BODY_LIMIT; failures come back in the error format; every request carries its id.
 */
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bodyLimitCrossed, installStreamingBodyLimit } from './body-limit.ts';
import { clientGone, onUpstreamError } from './upstream-error.ts';
import { METHODS, refuseOperational, type Headers } from './trust-rules.ts';

export interface ProxyOptions {
  /** public prefix, removed before forwarding (`/api`) */
  prefix: string;
  upstream: string;
  /** name used in error messages */
  service: string;
  bodyLimit: number;
  /** runs before forwarding; a throw answers the client instead (e.g. 401) */
  preHandler?: (req: FastifyRequest) => Promise<void>;
  /** final say on the forwarded headers (after the common ones are set) */
  rewriteHeaders?: (req: FastifyRequest, headers: Headers) => Headers;
}

/**
 * Hop-by-hop headers of the upstream's answer describe the Edge's connection to it, not the
 * client's to the Edge. undici asks for `Connection: close` on every HEAD, so an upstream's HEAD
 * answer says close, and copied through it would close the client's keep-alive socket too.
 */
function dropHopByHop(headers: Headers): Headers {
  const named = typeof headers.connection === 'string' ? headers.connection.split(',') : [];
  const hop = new Set([...named.map((n) => n.trim().toLowerCase()), 'connection', 'keep-alive']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hop.has(name)));
}

export async function registerProxy(app: FastifyInstance, opts: ProxyOptions): Promise<void> {
  await app.register(async (scope) => {
    installStreamingBodyLimit(scope, opts.bodyLimit);
    scope.addHook('onRequest', async (req) => refuseOperational(req, opts.prefix));
    // a client that leaves mid-request (body upload or streamed answer) is routine, not a 500
    const parentHandler = scope.errorHandler;
    scope.setErrorHandler(function (err, req, reply) {
      if (clientGone(req, err as { code?: string; cause?: unknown })) {
        req.log.debug({ code: (err as { code?: string }).code }, 'request aborted by the client');
        if (!reply.sent) void reply.status(499).send();
        return;
      }
      return parentHandler.call(this, err, req, reply);
    });
    const guard = opts.preHandler;
    const limit = opts.bodyLimit;
    const proxyOptions: FastifyHttpProxyOptions = {
      upstream: opts.upstream,
      prefix: opts.prefix,
      rewritePrefix: '',
      // upstream redirects point at storage (/storage/download/…), never back under the prefix
      internalRewriteLocationHeader: false,
      httpMethods: METHODS,
      // our parsers (installed above) pass bodies through; the plugin must not add its own
      proxyPayloads: false,
      // a chunked body that crossed the limit while the guard ran is refused here, not forwarded
      preHandler: (req, _reply, done) => {
        const checked = guard ? guard(req as FastifyRequest) : Promise.resolve();
        checked.then(() => done(bodyLimitCrossed(req as FastifyRequest, limit)), done);
      },
      disableRequestLogging: true,
      destroyAgent: true,
      undici: {
        connections: 128,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
        connect: { timeout: 5000 },
      },
      replyOptions: {
        onError: onUpstreamError(opts.service) as (reply: unknown, error: { error: Error }) => void,
        rewriteHeaders: dropHopByHop,
        rewriteRequestHeaders: (req, headers) => {
          const out: Headers = { ...headers };
          out['x-request-id'] = req.id;
          // the Edge is the public entry point: what a client claims about its address is not kept
          out['x-forwarded-for'] = req.ip;
          out['x-forwarded-proto'] = req.protocol;
          return opts.rewriteHeaders ? opts.rewriteHeaders(req as FastifyRequest, out) : out;
        },
      },
    };
    await scope.register(httpProxy, proxyOptions);
  });
}
