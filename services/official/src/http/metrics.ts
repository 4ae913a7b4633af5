/** Prometheus metrics: default process metrics plus a request counter, one registry per app. */
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { OfficialApp } from './types.ts';

export function installMetrics(app: OfficialApp): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'official_' });
  const requests = new Counter({
    name: 'official_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    requests.inc({
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    void reply.type(registry.contentType);
    return registry.metrics();
  });
}
