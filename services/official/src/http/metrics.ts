/** Prometheus metrics: default process metrics plus a request counter, one registry per app. */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReadCache } from '../cache/read-cache.ts';
import type { OfficialApp } from './types.ts';

export function installMetrics(app: OfficialApp, readCache: ReadCache): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'official_' });
  const requests = new Counter({
    name: 'official_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'official_read_cache_lookups',
    help: 'Read cache lookups since start, by kind and result (hit, miss)',
    labelNames: ['kind', 'result'] as const,
    registers: [registry],
    collect() {
      for (const kind of readCache.kinds) {
        this.set({ kind: kind.name, result: 'hit' }, kind.hits);
        this.set({ kind: kind.name, result: 'miss' }, kind.misses);
      }
    },
  });
  new Gauge({
    name: 'official_read_cache_entries',
    help: 'Entries the read cache holds, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      for (const kind of readCache.kinds) this.set({ kind: kind.name }, kind.size);
    },
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
