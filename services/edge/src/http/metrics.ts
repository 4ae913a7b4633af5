/**
 * The Edge's `/metrics`: the shared registry (process, event-loop lag, HTTP latency) plus the
 * gateway's gauges, read from `gateway.stats()` at scrape time.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge } from 'prom-client';
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
  {
    key: 'subscriptions',
    name: 'edge_gateway_subscriptions',
    help: 'Socket × channel subscriptions on this Edge',
  },
  {
    key: 'feeds',
    name: 'edge_gateway_bus_feeds',
    help: 'Bus feeds this Edge receives (servers with a subscribed socket here, users with a socket here)',
  },
  {
    key: 'lingeringFeeds',
    name: 'edge_gateway_bus_feeds_lingering',
    help: 'Bus feeds still running after their last socket here went (GATEWAY_FEED_LINGER_MS)',
  },
];

/** Cumulative counts, exported as Prometheus counters (set from the gateway's totals at scrape time). */
const COUNTERS: { key: keyof GatewayStats; name: string; help: string; labels?: Record<string, string> }[] = [
  {
    key: 'deliveries',
    name: 'edge_gateway_deliveries_total',
    help: 'Durable event frames written to sockets (live, after a hold, replayed)',
  },
  {
    key: 'busReceived',
    name: 'edge_gateway_bus_received_total',
    help: 'Durable events this Edge received from the bus (its feeds, not all traffic)',
  },
  {
    key: 'resumesOk',
    name: 'edge_gateway_resumes_total',
    help: 'RESUMEs by result',
    labels: { result: 'ok' },
  },
  {
    key: 'resumesInvalid',
    name: 'edge_gateway_resumes_total',
    help: 'RESUMEs by result',
    labels: { result: 'invalid' },
  },
  {
    key: 'slowConsumerCloses',
    name: 'edge_gateway_slow_consumer_closes_total',
    help: 'Sockets closed 4010 for not reading fast enough',
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
  // one Counter per name; its labelled series are read from the totals at scrape time
  const byName = new Map<string, typeof COUNTERS>();
  for (const c of COUNTERS) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const [name, series] of byName) {
    const labelNames = Object.keys(series[0]?.labels ?? {});
    new Counter({
      name,
      help: series[0]?.help ?? name,
      labelNames,
      registers: [registry],
      collect() {
        const stats = opts.stats();
        this.reset();
        for (const s of series) this.inc(s.labels ?? {}, stats[s.key]);
      },
    });
  }
}
