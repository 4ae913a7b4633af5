/**
 * What Identity's and Official's OpenAPI documents share: the one `ErrorBody` component every
 * 4xx/5xx points at, the bearer scheme, `servers` as the client sees them through the Edge, and
 * the statuses any route of a given shape can answer whatever its handler does.
 */
import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { ErrorSchema, type ErrorBody } from '@twopointo/shared';
import type { FastifyInstance } from 'fastify';

export const ERROR_BODY = 'ErrorBody';

const REASONS: Record<number, string> = {
  400: 'invalid_input (the message names the field), or another 400 code the operation describes',
  401: 'unauthorized: missing, malformed, expired or revoked token',
  403: 'forbidden: the caller may not do this (e.g. missing_permission)',
  404: 'not_found: the resource does not exist or the caller cannot see it',
  409: 'conflict: the resource is not in the state this needs',
  413: 'payload_too_large: the request body (or the declared upload) is too large',
  415: 'unsupported_media_type: the body must be application/json',
  429: 'rate_limited: try again after Retry-After seconds',
  500: 'internal: an unexpected failure, logged with the request id',
  503: 'unavailable: a backend (database, cache, bus) cannot be reached; try again',
};

/** A response schema pointing at the ErrorBody component (typed like the body the error handler sends). */
const errorRef = (status: number) =>
  ({ $ref: `${ERROR_BODY}#`, description: REASONS[status] ?? 'error' }) as unknown as typeof ErrorSchema;

/** Response entries `{status: ErrorBody}` for the error statuses a route answers itself. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef(s)]));
}

export type { ErrorBody };

export interface OpenApiOptions {
  title: string;
  description: string;
  /** where the Edge serves this service's routes (`/api`, `/id`) */
  serverUrl: string;
}

const BODY_STATUSES = [413, 415];
const ANY_STATUSES = [500, 503];

/** The ErrorBody schema every error response of a route points at (`ErrorBody#`). */
export function installErrorBodySchema(app: FastifyInstance): void {
  app.addSchema({ $id: ERROR_BODY, ...ErrorSchema });
}

/**
 * Registers @fastify/swagger (after installErrorBodySchema). Every operation needs the bearer token
 * unless its schema says `security: []`; routes with `schema.hide` (health, metrics, internal)
 * stay out of the document. Statuses the framework answers for any route of that shape (413 and
 * 415 for a body, 500 and 503 for all) are added here so no route has to repeat them.
 */
export async function installOpenApi(app: FastifyInstance, opts: OpenApiOptions): Promise<void> {
  const options: FastifyDynamicSwaggerOptions = {
    openapi: {
      openapi: '3.0.3',
      info: { title: opts.title, version: '0.1.0', description: opts.description },
      servers: [{ url: opts.serverUrl, description: 'through the Edge, relative to its origin' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: "Identity's access token (the partial token where an operation says so)",
          },
        },
      },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transform: ({ schema, url }) => {
      if (!schema || schema.hide) return { schema, url };
      const response = { ...(schema.response as Record<string, unknown> | undefined) };
      const add = (statuses: number[]) => {
        for (const s of statuses) response[s] ??= errorRef(s);
      };
      if (schema.body) add(BODY_STATUSES);
      add(ANY_STATUSES);
      return { schema: { ...schema, response }, url };
    },
  };
  await app.register(swagger, options);
}
