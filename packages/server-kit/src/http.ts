/** Fastify pieces every service shares: logger with secrets redacted, error format (404/405 too), request ids. */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { AppError, errorBody, type ErrorCode } from '@twopointo/shared';

/** Paths pino must never print. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-secret"]',
  'req.query.token',
  'password',
  'code',
  'token',
  'refresh_token',
  'access_token',
  'partial_token',
  'totp_secret',
  'recovery_code',
];

export function loggerOptions(level: string, name: string): FastifyServerOptions['logger'] {
  return {
    level,
    name,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // never log query strings: the gateway token travels there
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}

export const requestIdOptions = {
  requestIdHeader: 'x-request-id',
  genReqId: () => randomUUID(),
  // every service spreads these options: the router's own refusals (a malformed %-escape, a path
  // parameter over maxParamLength) would otherwise bypass the error handler and its format
  frameworkErrors,
  // Fastify's own drain-time 503 has its own body; installErrorHandler answers in ours instead
  return503OnClosing: false,
  // what Node's HTTP parser refuses never reaches a route; it is answered in the error format too
  clientErrorHandler,
} satisfies Partial<FastifyServerOptions>;

/** Methods a route can be registered for; the ones tried when building an `Allow` header. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The methods the router knows for this URL. A catch-all route (a single-page app's `/*`, CORS's
 * `OPTIONS *`) matches every path, so it says nothing about this one; a wildcard under a prefix
 * (`/storage/upload/*`) does, unless `wildcards: 'ignore'` (a scope's own catch-all, such as the
 * in-process `/api/*`, says nothing about its paths).
 */
export function allowedMethods(
  app: FastifyInstance,
  url: string,
  opts: { wildcards?: 'ignore' } = {},
): string[] {
  const path = url.split('?')[0] ?? '/';
  return METHODS.filter((method) => {
    const route = app.findRoute({ method, url: path });
    if (route === null) return false;
    const rest = (route.params as Record<string, string | undefined>)['*'];
    if (rest === undefined) return true;
    return opts.wildcards !== 'ignore' && !isWholePath(rest, path);
  });
}

/** The router hands wildcards their part of the path decoded, so compare with both spellings. */
function isWholePath(rest: string, path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: only the raw spelling can match
  }
  return [path, decoded].some((p) => p === rest || p === `/${rest}`);
}

/** 405 with `Allow` when the path exists under other methods, 404 otherwise; both in the error format. */
export function answerNotFound(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { wildcards?: 'ignore' } = {},
): void {
  const path = req.url.split('?')[0];
  const allowed = allowedMethods(req.server, req.url, opts);
  if (allowed.length > 0 && !allowed.includes(req.method)) {
    void reply
      .status(405)
      .header('allow', allowed.join(', '))
      .send(errorBody('method_not_allowed', `${req.method} is not allowed on ${path}`));
    return;
  }
  void reply.status(404).send(errorBody('unknown_route', `No route ${req.method} ${path}`));
}

/** A request line whose URL alone takes half of Node's 16 KiB header limit. */
const LONG_REQUEST_LINE = /^[A-Z]+ \S{8192}/;

/**
 * Node's HTTP parser refused the bytes (header block too large, malformed request line, idle
 * timeout): answers like every other error, then closes, as Node itself does.
 */
function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let code: ErrorCode = 'bad_request';
  let message = 'Malformed HTTP request';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    [status, code, message] = [408, 'request_timeout', 'The request took too long to arrive'];
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    // the parser counts the request line with the headers: when the URL is what overflowed, say so
    const raw: unknown = err.rawPacket;
    const head = Buffer.isBuffer(raw) ? raw.subarray(0, 9000).toString('latin1') : '';
    if (LONG_REQUEST_LINE.test(head))
      [status, code, message] = [414, 'uri_too_long', 'The request URL is too long'];
    else [status, code, message] = [431, 'headers_too_large', 'The request headers are too large'];
  }
  if (socket.writable) {
    const body = JSON.stringify(errorBody(code, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

function frameworkErrors(err: FastifyError, _req: unknown, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const code = status === 414 ? 'uri_too_long' : 'bad_request';
  void reply.status(status).send(errorBody(code, err.message.slice(0, 200)));
}

/**
 * Fastify's logger options: the shared pino instance when one is given (all-in-one), otherwise a
 * service-named logger made from LOG_LEVEL.
 */
export function serviceLoggerOptions(
  shared: FastifyBaseLogger | undefined,
  level: string,
  name: string,
): { loggerInstance: FastifyBaseLogger } | { logger: FastifyServerOptions['logger'] } {
  return shared ? { loggerInstance: shared } : { logger: loggerOptions(level, name) };
}

/** Says once at startup which limits RATE_LIMITS=off switched off, so a benchmark setting is never silent. */
export function warnIfRateLimitsOff(app: FastifyInstance, enabled: boolean, what: string): void {
  if (!enabled) app.log.warn(`RATE_LIMITS=off: ${what} are disabled (benchmarks only)`);
}

/**
 * JSON bodies as usual, but an empty body is no body: POSTs without one may still say
 * Content-Type: application/json (browsers' fetch helpers do). A `__proto__` key is refused with
 * its own message rather than Fastify's "not valid JSON".
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    void parseJson(req, body as string, (err, parsed) => {
      // the default parser hides secure-json-parse's reason: JSON that still parses was refused for its key
      if (err && isPlainJson(body as string)) {
        return done(
          new AppError(400, 'invalid_input', 'body: "__proto__" is not allowed as a key'),
          undefined,
        );
      }
      done(err, parsed);
    });
  });
}

function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text); // own "__proto__" properties only: nothing is polluted, and the result is dropped
    return true;
  } catch {
    return false;
  }
}

/** Validation errors name the field; AppErrors keep their code; anything else is a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  // a request arriving while the service drains for shutdown is turned away (the client retries
  // elsewhere); those already in flight finish
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = true;
    // Node closes the keep-alive connections idle when close begins; one whose response is still
    // going out idles a moment later and would hold close open for its keep-alive timeout (72 s):
    // close each as it idles
    sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
  });
  app.addHook('onClose', async () => clearInterval(sweep));
  app.addHook('onRequest', async () => {
    if (closing) throw new AppError(503, 'unavailable', 'Shutting down, try again', { connection: 'close' });
  });
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      void reply.status(err.status).headers(err.headers).send(err.body());
      return;
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const field =
        (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') ||
        ((first?.params as { missingProperty?: string } | undefined)?.missingProperty ?? '');
      const where = fe.validationContext ?? 'body';
      const message = field ? `${where}.${field}: ${first?.message ?? 'invalid'}` : `${where}: ${fe.message}`;
      void reply.status(400).send(errorBody('invalid_input', message));
      return;
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code =
        fe.statusCode === 413
          ? 'payload_too_large'
          : fe.statusCode === 415
            ? 'unsupported_media_type'
            : fe.statusCode === 429
              ? 'rate_limited'
              : 'bad_request';
      void reply.status(fe.statusCode).send(errorBody(code, fe.message));
      return;
    }
    if (isUnencodableText(err)) {
      void reply
        .status(400)
        .send(errorBody('invalid_input', 'Text must not contain NUL (\\u0000) characters'));
      return;
    }
    if (isUnavailable(err)) {
      req.log.warn({ err }, 'dependency unavailable');
      void reply.status(503).send(errorBody('unavailable', 'Service temporarily unavailable'));
      return;
    }
    req.log.error({ err }, 'unhandled error');
    void reply.status(500).send(errorBody('internal', 'Internal server error'));
  });
  app.setNotFoundHandler(answerNotFound);
}

/** PostgreSQL refuses NUL characters in text and JSON (valid JSON, valid UTF-8): the input's fault. */
function isUnencodableText(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '22021' || code === '22P05'; // character_not_in_repertoire, untranslatable_character
}

/** Connection-level failures of the database or other backends. */
function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    code === '08006' ||
    code === '08001' ||
    code === '08003' ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
      String((err as Error).message),
    )
  );
}
