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
import { installErrorBodySchema, installOpenApi, type OpenApiOptions } from './openapi.ts';

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
  warnIfRateLimitsOff(app, opts.rateLimits.enabled, opts.rateLimits.what);
  installApiScope(app);
  installErrorHandler(app);
  await installOpenApi(app, opts.openapi);
  return app;
}

/**
 * What a service's routes need of the Fastify context they are registered in: strict TypeBox
 * validation, the JSON body parser and the ErrorBody schema their responses point at. The
 * service's own app gets it from createApiApp; another server that mounts the same routes (the
 * all-in-one Edge, in an encapsulated scope under /api or /id) calls it on that scope, whose
 * error handler must be installErrorHandler's too.
 */
export function installApiScope(scope: FastifyInstance): ApiApp {
  const api = scope.withTypeProvider<TypeBoxTypeProvider>() as unknown as ApiApp;
  // bodies are checked strictly: a wrong JSON type is a 400 naming the field, never coerced
  // (Fastify's default Ajv would turn {"refresh_token":5} into "5"); path and query strings convert
  api.setValidatorCompiler(TypeBoxValidatorCompiler);
  installJsonBodyParser(api);
  installErrorBodySchema(api);
  return api;
}
