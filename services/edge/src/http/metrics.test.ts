/** The Edge's /metrics (Prometheus text), and the paths the single-page-app fallback never answers. */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { USER_SCOPED } from '@twopointo/bus';
import { startTestEdge } from '../test/harness.ts';
import { rawRequest, useWebEdge } from '../test/raw-http.ts';

const metricValue = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('edge metrics', () => {
  const edge = useWebEdge();

  it('counts deliveries and RESUMEs by result', async () => {
    const scrape = async () => (await fetch(`${edge.t.url}/metrics`)).text();
    const counter = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? 0 : Number(line.slice(series.length + 1));
    };
    const before = await scrape();
    const userId = '5151';
    const ws = new WebSocket(
      `${edge.t.url.replace('http', 'ws')}/ws?token=${await edge.t.kit.access(userId)}`,
    );
    const frames: { op: string; t?: string }[] = [];
    ws.on('message', (data: Buffer) =>
      frames.push(JSON.parse(data.toString()) as { op: string; t?: string }),
    );
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(ok()).toBe(true);
    };
    try {
      await until(() => frames.some((f) => f.op === 'HELLO'));
      await edge.t.bus.publish({
        id: '777000111',
        t: 'READ_STATE_UPDATE',
        server_id: USER_SCOPED,
        user_id: userId,
        data: JSON.stringify({ channel_id: '1', last_read_id: '2', mention_count: 0 }),
      });
      await until(() => frames.some((f) => f.t === 'READ_STATE_UPDATE'));
      ws.send(JSON.stringify({ op: 'RESUME', d: { session_id: 'no-such-session', seq: 0 } }));
      await until(() => frames.some((f) => f.op === 'INVALID_SESSION'));
      const after = await scrape();
      expect(
        counter(after, 'edge_gateway_deliveries_total') - counter(before, 'edge_gateway_deliveries_total'),
      ).toBe(1);
      const invalid = 'edge_gateway_resumes_total{result="invalid"}';
      expect(counter(after, invalid) - counter(before, invalid)).toBe(1);
      expect(after).toContain('edge_gateway_resumes_total{result="ok"}');
      expect(after).toContain('edge_gateway_slow_consumer_closes_total');
      expect(metricValue(after, 'edge_gateway_subscriptions')).toBe(0);
    } finally {
      ws.terminate();
    }
  });

  it('exports gateway gauges, event-loop lag and HTTP latency in Prometheus text', async () => {
    await fetch(`${edge.t.url}/healthz`);
    const token = await edge.t.kit.access('4242');
    const ws = new WebSocket(`${edge.t.url.replace('http', 'ws')}/ws?token=${token}`);
    await new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('error', reject);
    });
    try {
      const res = await fetch(`${edge.t.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(metricValue(text, 'edge_gateway_sockets')).toBe(1);
      expect(metricValue(text, 'edge_gateway_users')).toBe(1);
      expect(metricValue(text, 'edge_gateway_subscribed_servers')).toBe(0);
      expect(metricValue(text, 'edge_gateway_subscribed_channels')).toBe(0);
      // one socket: its user's bus feed, no server's (the earlier test's user's may still linger)
      expect(metricValue(text, 'edge_gateway_bus_feeds')).toBe(1);
      expect(Number.isInteger(metricValue(text, 'edge_gateway_bus_feeds_lingering'))).toBe(true);
      expect(text).toContain('edge_gateway_bus_received_total');
      expect(metricValue(text, 'edge_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(text).toContain('# TYPE edge_http_request_duration_seconds histogram');
      expect(text).toMatch(
        /edge_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1\b/,
      );
    } finally {
      ws.terminate();
    }
  });

  it('METRICS_TOKEN guards /metrics', async () => {
    const guarded = await startTestEdge({
      overrides: { METRICS_TOKEN: 'scrape-me' },
      identity: edge.t.identity,
      official: edge.t.official,
      kit: edge.t.kit,
    });
    try {
      const none = await fetch(`${guarded.url}/metrics`);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ error: { code: 'missing_token' } });
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('edge_gateway_sockets');
    } finally {
      await guarded.close();
    }
  });

  it.each([
    '/metrics',
    '/healthz',
    '/readyz',
    '/ws',
    '/ws/x',
    '/voice',
    '/voice/x',
    '/storage/x',
    '/api/x',
    '/id/x',
    '/assets/missing',
    '/assets/missing.js',
  ])('the web client never answers %s', async (path) => {
    const res = await rawRequest(edge.t.url + path, { headers: { accept: 'text/html' } });
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
  });

  it.each([
    '/invite/abc',
    '/channels/@me',
    '/channels/@me/123',
    '/channels/123/456',
    '/channels/123/456/789',
    '/channels/123/settings/roles',
    '/settings/security',
  ])('the client route %s gets index.html', async (path) => {
    const res = await rawRequest(`${edge.t.url}${path}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
