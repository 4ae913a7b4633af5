/**
 * edges: how many bus messages an Edge receives when N Edges share one NATS JetStream, with
 * servers spread evenly over them. Each simulated Edge is its own bus connection (a
 * `JetStreamBus`, as an Edge process opens) holding the feeds its sockets would hold — a server
 * feed for each server whose sockets it carries, a user feed for each user connected to it —
 * exactly what the gateway's `feeds.ts` subscribes. One more connection publishes the events
 * like Official's relay (pipelined, 256 at a time). The count is what each connection's
 * subscriptions were handed by NATS (`receivedCount()`), as a share of all events published.
 *
 * The ceiling, measured in the same run, is the broadcast model the Edges had before: every
 * Edge consuming the whole stream (`subscribe`), i.e. 100 % each.
 *
 * Placement: `one` — every server's sockets on one Edge (server i on Edge i mod N, users
 * likewise); `two` — every server's sockets split over two Edges (its own and the next), the
 * case of a large server or an uneven load balancer.
 */
import { randomBytes } from 'node:crypto';
import {
  JetStreamBus,
  USER_SCOPED,
  type BusRecord,
  type BusSubscription,
  type EventBus,
} from '@twopointo/bus';
import { newId } from '@twopointo/shared';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NATS_URL } from '../lib/backend.ts';
import { machine, type BenchResult } from '../lib/report.ts';
import { ProcWatch, type MachineCpu } from '../lib/proc.ts';
import type { RunOptions } from './common.ts';

const EDGE_COUNTS = [1, 2, 4, 8];
const SERVERS = 400;
/** a user-scoped event (read state, DM, relationship) among this many events */
const USER_EVENT_EVERY = 10;
const PIPELINE = 256;

type Placement = 'one' | 'two' | 'broadcast';

interface EdgeRun {
  edges: number;
  placement: Placement;
  events: number;
  /** per Edge: bus messages received, and what its feeds should have received */
  received: number[];
  expected: number[];
  /** every Edge received exactly what its feeds ask for: nothing missing, nothing extra */
  exact: boolean;
  /** received / events, per Edge */
  share: number[];
  share_max: number;
  share_mean: number;
  /** feeds (core subscriptions) per Edge */
  feeds: number[];
  publish_per_s: number;
  /** publish start → every Edge has all it should have */
  settle_ms: number;
  /** the whole machine over the run (the Edges, the publisher and NATS share it) */
  machine_cpu: MachineCpu | undefined;
  /** this process (all simulated Edges and the publisher) */
  bench_cpu_pct: number;
}

const quiet = { warn: () => undefined, error: () => undefined };

export async function edges(o: RunOptions): Promise<BenchResult> {
  const events = o.messages ?? 20_000;
  const users = o.users ?? 2_000;
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const names = { stream: `TPBENCH_EDGES_${tag}`, prefix: `tpbenchedges${tag}` };
  const result: BenchResult = {
    scenario: 'edges',
    backend: 'nats',
    started_at: new Date().toISOString(),
    machine: machine(),
    params: {
      edges: EDGE_COUNTS,
      servers: SERVERS,
      users,
      events_per_run: events,
      user_scoped_share: 1 / USER_EVENT_EVERY,
      pipeline: PIPELINE,
      nats: NATS_URL,
      stream: names.stream,
    },
  };
  const publisher = await JetStreamBus.connect({
    url: NATS_URL,
    ...names,
    maxMsgs: 2_000_000,
    logger: quiet,
  });
  const runs: EdgeRun[] = [];
  try {
    for (const n of EDGE_COUNTS) {
      for (const placement of ['broadcast', 'one', 'two'] as const) {
        if (placement === 'two' && n < 2) continue;
        const run = await measure(publisher, names, n, placement, events, users);
        runs.push(run);
        console.log(
          `edges ${n} ${placement}: share per Edge max ${pct(run.share_max)} mean ${pct(run.share_mean)} (${run.received.join(', ')} of ${run.events}), settle ${run.settle_ms} ms`,
        );
      }
    }
  } finally {
    await publisher.close();
    await dropStream(names.stream);
  }
  result.runs = runs;
  const at4 = runs.find((r) => r.edges === 4 && r.placement === 'one');
  const ceiling4 = runs.find((r) => r.edges === 4 && r.placement === 'broadcast');
  result.target = {
    what: 'bus messages an Edge receives, 4 Edges, servers spread evenly (placement one), as a share of all events',
    limit: 0.3,
    measured_max: at4?.share_max ?? null,
    ceiling_broadcast_max: ceiling4?.share_max ?? null,
    met: at4 !== undefined && at4.share_max <= 0.3,
  };
  return result;
}

async function measure(
  publisher: EventBus,
  names: { stream: string; prefix: string },
  n: number,
  placement: Placement,
  events: number,
  users: number,
): Promise<EdgeRun> {
  const buses: JetStreamBus[] = [];
  const subs: BusSubscription[] = [];
  const feeds: number[] = [];
  const watch = new ProcWatch({ bench: process.pid });
  watch.begin();
  try {
    for (let e = 0; e < n; e++) {
      buses.push(
        await JetStreamBus.connect({ url: NATS_URL, ...names, logger: quiet, name: `bench-edge-${e}` }),
      );
    }
    // which servers and users each Edge carries
    const serversOf = (e: number): number[] => {
      const out: number[] = [];
      for (let s = 0; s < SERVERS; s++) {
        const home = s % n;
        if (home === e || (placement === 'two' && (home + 1) % n === e)) out.push(s);
      }
      return out;
    };
    const usersOf = (e: number): number[] => {
      const out: number[] = [];
      for (let u = 0; u < users; u++) if (u % n === e) out.push(u);
      return out;
    };
    const noop = (): void => undefined;
    for (let e = 0; e < n; e++) {
      const bus = buses[e]!;
      if (placement === 'broadcast') {
        subs.push(bus.subscribe(noop));
        feeds.push(1);
        continue;
      }
      const mine = serversOf(e);
      const people = usersOf(e);
      for (const s of mine) subs.push(bus.subscribeFeed({ server: `s${s}` }, noop));
      for (const u of people) subs.push(bus.subscribeFeed({ user: `u${u}` }, noop));
      feeds.push(mine.length + people.length);
    }
    await Promise.all(subs.map((s) => s.ready));

    // the events: server events spread evenly over the servers, one in USER_EVENT_EVERY to a user
    // a fixed pseudo-random draw (the same in every run), so no modular pattern favours an Edge
    let seed = 0x2545f491;
    const draw = (k: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % k;
    };
    const records: BusRecord[] = [];
    const expected = Array.from({ length: n }, () => 0);
    for (let i = 0; i < events; i++) {
      if (i % USER_EVENT_EVERY === USER_EVENT_EVERY - 1) {
        const u = draw(users);
        records.push({
          id: newId(),
          t: 'READ_STATE_UPDATE',
          server_id: USER_SCOPED,
          user_id: `u${u}`,
          data: `{"i":${i}}`,
        });
        for (let e = 0; e < n; e++) if (placement === 'broadcast' || u % n === e) expected[e]!++;
      } else {
        const s = draw(SERVERS);
        records.push({
          id: newId(),
          t: 'MESSAGE_CREATE',
          server_id: `s${s}`,
          channel_id: `c${s}`,
          data: `{"i":${i},"content":"${'x'.repeat(200)}"}`,
        });
        const home = s % n;
        for (let e = 0; e < n; e++)
          if (placement === 'broadcast' || home === e || (placement === 'two' && (home + 1) % n === e))
            expected[e]!++;
      }
    }
    const base = buses.map((b) => b.receivedCount());
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += PIPELINE)
      await Promise.all(records.slice(i, i + PIPELINE).map((r) => publisher.publish(r)));
    const published = performance.now();
    const got = () => buses.map((b, e) => b.receivedCount() - base[e]!);
    const deadline = Date.now() + 60_000;
    while (got().some((g, e) => g < expected[e]!) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const settled = performance.now();
    // anything beyond what was expected would show up now
    await new Promise((r) => setTimeout(r, 200));
    const received = got();
    const share = received.map((r) => Math.round((r / events) * 10_000) / 10_000);
    return {
      edges: n,
      placement,
      events,
      received,
      expected,
      exact: received.every((r, e) => r === expected[e]),
      share,
      share_max: Math.max(...share),
      share_mean: Math.round((share.reduce((a, b) => a + b, 0) / n) * 10_000) / 10_000,
      feeds,
      publish_per_s: Math.round(events / ((published - t0) / 1000)),
      settle_ms: Math.round(settled - t0),
      bench_cpu_pct: watch.end().bench?.cpu_pct ?? 0,
      machine_cpu: watch.machine,
    };
  } finally {
    for (const s of subs) s.unsubscribe();
    for (const b of buses) await b.close();
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

async function dropStream(stream: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL, timeout: 3000 });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  } finally {
    await nc.close();
  }
}
