/**
 * `/api` and `/id` served in this process: when Official and Identity run in the Edge's process
 * (the all-in-one), their route plugins are registered here, under the same rules the proxy
 * applies (trust-rules.ts), instead of a loopback HTTP round trip per request.
 *
 * Each mount is an encapsulated scope: its onRequest hook refuses the operational paths, a
 * declared body over the limit and (for /api) a missing or bad token, then rewrites the
 * request's headers as the proxy would forward them, before the service's own hooks (Official's
 * trust check) run. Bodies are parsed by the service's parsers under the smaller of the two
 * limits; errors use the Edge's error handler, which is the services' own (server-kit).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { answerNotFound } from '@twopointo/server-kit';
import type { JwtVerifier } from '../auth/jwt-verifier.ts';
import {
  apiHeaders,
  checkApiCaller,
  idHeaders,
  METHODS,
  refuseDeclaredTooLarge,
  refuseOperational,
  type Headers,
} from './trust-rules.ts';

/** A service's public routes as its app factory hands them out (buildOfficial, buildIdentity). */
export interface InProcessService {
  routes: FastifyPluginAsync;
  /** the largest body the service's own app accepts */
  bodyLimit: number;
}

async function mount(
  app: FastifyInstance,
  opts: {
    prefix: string;
    service: InProcessService;
    bodyLimit: number;
    admit: (req: FastifyRequest) => Promise<void>;
  },
): Promise<void> {
  const edgeLimit = opts.bodyLimit;
  const serviceLimit = opts.service.bodyLimit;
  await app.register(
    async (scope) => {
      // the proxy let through no more than both the Edge and the service accept
      scope.addHook('onRoute', (route) => {
        route.bodyLimit = Math.min(route.bodyLimit ?? serviceLimit, edgeLimit);
      });
      scope.addHook('onRequest', async (req) => {
        refuseOperational(req, opts.prefix);
        refuseDeclaredTooLarge(req, req.routeOptions.bodyLimit ?? Math.min(edgeLimit, serviceLimit));
        await opts.admit(req);
      });
      // unknown paths answer like the service would (404, or 405 with Allow), after the same checks
      // (no route probing signed out); this catch-all and the web client's say nothing about a path
      scope.route({
        method: METHODS,
        url: '/*',
        handler: (req, reply) => answerNotFound(req, reply, { wildcards: 'ignore' }),
      });
      await scope.register(opts.service.routes);
    },
    { prefix: opts.prefix },
  );
}

export interface InProcessApiOptions {
  service: InProcessService;
  bodyLimit: number;
  verifier: JwtVerifier;
  internalSecret: string;
}

/** `/api/*`: Official's routes, after the token check, with x-user-id set by the Edge alone. */
export async function mountOfficial(app: FastifyInstance, opts: InProcessApiOptions): Promise<void> {
  if (!app.hasRequestDecorator('userId')) app.decorateRequest('userId', '');
  await mount(app, {
    prefix: '/api',
    service: opts.service,
    bodyLimit: opts.bodyLimit,
    admit: async (req) => {
      await checkApiCaller(req, opts.verifier);
      // the request's own headers, rewritten as the proxy rewrites the forwarded copy
      apiHeaders(req, req.raw.headers as Headers, opts.internalSecret);
    },
  });
}

/** `/id/*`: Identity's routes; it checks its own tokens. */
export async function mountIdentity(
  app: FastifyInstance,
  opts: { service: InProcessService; bodyLimit: number },
): Promise<void> {
  await mount(app, {
    prefix: '/id',
    service: opts.service,
    bodyLimit: opts.bodyLimit,
    admit: async (req) => {
      idHeaders(req.raw.headers as Headers);
    },
  });
}
