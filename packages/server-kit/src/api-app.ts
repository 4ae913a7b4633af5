/**
 * A JSON API service's Fastify app, set up the one way Identity and Official share: the logger
 * (shared or made from LOG_LEVEL), request ids, strict TypeBox validation (no type coercion),
 * JSON bodies, the error format and the OpenAPI document. The service adds its routes.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  installErrorHandler,
  installJsonBodyParser,
  requestIdOptions,
  serviceLoggerOptions,
  warnIfRateLimitsOff,
} from './http.ts';
import { installOpenApi, type OpenApiOptions } from './openapi.ts';

/** The Fastify instance every API route module registers on. */
export type ApiApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ApiAppOptions {
  /** the logger's name: `identity`, `official` */
  name: string;
  /** LOG_LEVEL, for a logger of its own */
  logLevel: string;
  /** a pino logger to share (all-in-one) */
  logger?: FastifyBaseLogger;
  /** RATE_LIMITS, and what switching them off disables (said once at start) */
  rateLimits: { enabled: boolean; what: string };
  openapi: OpenApiOptions;
  /** further Fastify options (e.g. trustProxy) */
  fastify?: Pick<FastifyServerOptions, 'trustProxy' | 'bodyLimit'>;
}

export async function createApiApp(opts: ApiAppOptions): Promise<ApiApp> {
  const app = Fastify({
    ...serviceLoggerOptions(opts.logger, opts.logLevel, opts.name),
    ...requestIdOptions,
    ...opts.fastify,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // bodies are checked strictly: a wrong JSON type is a 400 naming the field, never coerced
  // (Fastify's default Ajv would turn {"refresh_token":5} into "5"); path and query strings convert
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  warnIfRateLimitsOff(app, opts.rateLimits.enabled, opts.rateLimits.what);
  installJsonBodyParser(app);
  installErrorHandler(app);
  await installOpenApi(app, opts.openapi);
  return app;
}
