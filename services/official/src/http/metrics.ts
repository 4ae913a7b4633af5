/** Official's metrics: the shared registry (process, HTTP latency, `/metrics`) plus the read cache. */
import { Gauge } from 'prom-client';
import { installMetrics as installSharedMetrics } from '@twopointo/server-kit';
import type { ReadCache } from '../cache/read-cache.ts';
import type { OfficialApp } from './types.ts';

export function installMetrics(app: OfficialApp, readCache: ReadCache): void {
  const registry = installSharedMetrics(app, { prefix: 'official_' });
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
}
