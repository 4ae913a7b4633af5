/**
 * The Edge's `/metrics`: the shared registry (process, event-loop lag, HTTP latency) plus the
 * gateway's gauges, read from `gateway.stats()` at scrape time.
 */
import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import { installMetrics } from '@twopointo/server-kit';
import type { GatewayStats } from '../gateway/gateway.ts';

export interface EdgeMetricsOptions {
  stats: () => GatewayStats;
  /** METRICS_TOKEN */
  token: string | undefined;
}

const GAUGES: { key: keyof GatewayStats; name: string; help: string }[] = [
  { key: 'sockets', name: 'edge_gateway_sockets', help: 'Open gateway sockets on this Edge' },
  { key: 'users', name: 'edge_gateway_users', help: 'Distinct users with an open socket on this Edge' },
  {
    key: 'servers',
    name: 'edge_gateway_subscribed_servers',
    help: 'Servers with at least one subscribed socket on this Edge',
  },
  {
    key: 'channels',
    name: 'edge_gateway_subscribed_channels',
    help: 'Channels with at least one subscribed socket on this Edge',
  },
];

export function registerEdgeMetrics(app: FastifyInstance, opts: EdgeMetricsOptions): void {
  const registry = installMetrics(app, { prefix: 'edge_', token: opts.token });
  for (const { key, name, help } of GAUGES) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(opts.stats()[key]);
      },
    });
  }
}
