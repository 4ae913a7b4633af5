/** Fastify pieces every service shares: logger with secrets redacted, error format, request ids. */
import { randomUUID } from 'node:crypto';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyServerOptions,
} from 'fastify';
import { AppError } from '@twopointo/shared';

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
} satisfies Partial<FastifyServerOptions>;

function frameworkErrors(err: FastifyError, _req: unknown, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const code = status === 414 ? 'uri_too_long' : 'bad_request';
  void reply.status(status).send({ error: { code, message: err.message.slice(0, 200) } });
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
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new AppError(503, 'unavailable', 'Shutting down, try again', { connection: 'close' });
  });
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      void reply
        .status(err.status)
        .headers(err.headers)
        .send({ error: { code: err.code, message: err.message } });
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
      void reply.status(400).send({ error: { code: 'invalid_input', message } });
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
      void reply.status(fe.statusCode).send({ error: { code, message: fe.message } });
      return;
    }
    if (isUnencodableText(err)) {
      void reply.status(400).send({
        error: { code: 'invalid_input', message: 'Text must not contain NUL (\\u0000) characters' },
      });
      return;
    }
    if (isUnavailable(err)) {
      req.log.warn({ err }, 'dependency unavailable');
      void reply
        .status(503)
        .send({ error: { code: 'unavailable', message: 'Service temporarily unavailable' } });
      return;
    }
    req.log.error({ err }, 'unhandled error');
    void reply.status(500).send({ error: { code: 'internal', message: 'Internal server error' } });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
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
