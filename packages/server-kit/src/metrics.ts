/**
 * Prometheus metrics every service shares: one registry per app, the default process metrics
 * (CPU, memory, event-loop lag), an HTTP latency histogram and the `GET /metrics` route.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { unauthorized } from '@twopointo/shared';
import { bearerToken } from './bearer.ts';

export interface MetricsOptions {
  /** prefix of every metric name, e.g. `edge_` */
  prefix: string;
  /** when set, `/metrics` answers only `Authorization: Bearer <token>` (a public Edge) */
  token?: string;
}

/** Seconds; from a cached read (~1 ms) to a slow upstream (10 s, the proxies' own limits are 30 s). */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Registers `/metrics` and the latency histogram; returns the registry for the service's own
 * gauges. Routes are labelled by their pattern (`/channels/:cid/messages`), never the raw URL,
 * so the label set stays bounded; what no route matched is `unmatched`.
 */
export function installMetrics(app: FastifyInstance, opts: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: opts.prefix });
  const latency = new Histogram({
    name: `${opts.prefix}http_request_duration_seconds`,
    help: 'Time from request to answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    latency.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const want = opts.token === undefined ? undefined : digest(opts.token);
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (want) {
      const given = bearerToken(req.headers.authorization);
      // digests first: equal lengths, so the comparison never leaks the token's length
      if (given === undefined) throw unauthorized('Missing metrics token', 'missing_token');
      if (!timingSafeEqual(digest(given), want)) throw unauthorized('Wrong metrics token');
    }
    void reply.type(registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
  return registry;
}
