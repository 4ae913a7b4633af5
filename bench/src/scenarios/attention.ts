/**
 * attention: read-state acks and message search in a server holding many messages (1,000,000 by
 * default, over 20 channels). The messages are seeded by SQL straight into the system's database
 * before any load (lib/seed.ts), bypassing the API; then, through the Edge with real tokens:
 * acks by many users at the most the system takes with C connections, and searches of five
 * kinds at a fixed moderate rate. The ceiling is node:http answering 204 and a full search page.
 */
import autocannon from 'autocannon';
import { api } from '../../../test/helpers/client.ts';
import { httpLoad, type HttpMeasure } from '../lib/http-load.ts';
import { ratio, type BenchResult } from '../lib/report.ts';
import {
  SEARCH_WORDS,
  planSeed,
  seedBatchSql,
  seedFinishSql,
  seededChannel,
  seededId,
  type SeedPlan,
} from '../lib/seed.ts';
import { startTarget, type Target } from '../lib/targets.ts';
import { compareWithCeiling, type RunOptions } from './common.ts';

export const SEARCH_KINDS = ['common_word', 'rare_word', 'two_words', 'word_and_author', 'has_link'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/** the kinds whose statements are EXPLAIN ANALYZEd after the load */
const EXPLAINED = ['common_word', 'rare_word', 'has_link'] as const;

export interface AttentionParams extends Record<string, unknown> {
  messages: number;
  channels: number;
  users: number;
  /** ack connections (closed loop, as many requests as they get answered) */
  connections: number;
  /** searches per second, per kind (open loop, autocannon overallRate) */
  search_rate: number;
  search_connections: number;
  /** seconds per measured load (ack, then each search kind) */
  durationS: number;
  seed_batch: number;
  /** acks pick one of each channel's newest `ack_window` messages */
  ack_window: number;
}

function searchQuery(kind: SearchKind, authorId: string): string {
  const q = (s: string) => `q=${encodeURIComponent(s)}`;
  switch (kind) {
    case 'common_word':
      return q(SEARCH_WORDS.common);
    case 'rare_word':
      return q(SEARCH_WORDS.rare);
    case 'two_words':
      return q(SEARCH_WORDS.pair.join(' '));
    case 'word_and_author':
      return `${q(SEARCH_WORDS.author)}&author_id=${authorId}`;
    case 'has_link':
      return 'has=link';
  }
}

/** Creates the channels beyond the target's first, through the API. */
async function channelsOf(target: Target, n: number): Promise<string[]> {
  const ids = [target.channelId];
  for (let i = 1; i < n; i++) {
    const r = await api<{ id: string }>(target.base, 'POST', `/api/servers/${target.serverId}/channels`, {
      token: target.token,
      body: { name: `attention-${i}` },
    });
    if (r.status !== 201) throw new Error(`create channel: ${r.status} ${JSON.stringify(r.body)}`);
    ids.push(r.body.id);
  }
  return ids;
}

async function seed(target: Target, plan: SeedPlan, batch: number) {
  const sqlRun = target.sql!;
  const t0 = performance.now();
  const batchMs: number[] = [];
  for (let lo = 0; lo < plan.messages; lo += batch) {
    const t = performance.now();
    await sqlRun(seedBatchSql(plan, lo, Math.min(plan.messages, lo + batch)));
    batchMs.push(Math.round(performance.now() - t));
    if (process.env.BENCH_VERBOSE)
      console.error(`seeded ${Math.min(plan.messages, lo + batch)} (${batchMs.at(-1)} ms)`);
  }
  const insertS = (performance.now() - t0) / 1000;
  const finish = await sqlRun(seedFinishSql(plan));
  const counts = (
    await sqlRun([
      `SELECT (SELECT count(*) FROM messages WHERE server_id = ${BigInt(plan.serverId)}) AS messages,
              (SELECT count(*) FROM message_mentions) AS mention_rows,
              pg_size_pretty(pg_total_relation_size('messages')) AS messages_size,
              pg_size_pretty(pg_relation_size('messages_search_idx')) AS gin_size`,
    ])
  ).rows[0] as Record<string, string>;
  return {
    messages: Number(counts.messages),
    mention_rows: Number(counts.mention_rows),
    messages_table_size: counts.messages_size,
    gin_index_size: counts.gin_size,
    batch_size: batch,
    batches: batchMs.length,
    insert_s: Math.round(insertS * 10) / 10,
    rows_per_s: Math.round(plan.messages / insertS),
    batch_ms_first_last: [batchMs[0], batchMs[batchMs.length - 1]],
    finish_ms: {
      last_message_id: finish.ms[0],
      vacuum_analyze_messages: finish.ms[1],
      vacuum_analyze_mentions: finish.ms[2],
    },
  };
}

/** Inlines $n parameters as literals (numbers and strings only: ids and search words). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

/**
 * EXPLAIN ANALYZE of the statements the search route really ran (captured at the driver) for
 * one query: the page and the total.
 */
async function explainSearch(target: Target, o: { query: string; token: string; words?: string }) {
  const url = `${target.base}/api/servers/${target.serverId}/messages/search?${o.query}`;
  const headers = { authorization: `Bearer ${o.token}` };
  // once before capturing: it waits behind whatever the last load left queued
  await (await fetch(url, { headers })).arrayBuffer();
  // the page and the total both read `from "messages" as "m"` (search.repository.ts); nothing else does
  await target.capture!('from "messages" as "m"');
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { total?: number };
  const queries = await target.capture!('');
  // a request of the last load may still run now: keep only statements of this query
  const ours = (q: { sql: string; params: unknown[] }) =>
    o.words === undefined
      ? !q.sql.includes('websearch_to_tsquery')
      : q.params.includes(o.words) && q.sql.includes('websearch_to_tsquery');
  const last = new Map<string, { sql: string; params: unknown[] }>();
  // the total is the statement that only counts; the page has counts inside (reactions)
  for (const q of queries.filter(ours)) last.set(/^\s*select count\(\*\)/i.test(q.sql) ? 'total' : 'page', q);
  const out: { statement: string; sql: string; plan: string[]; execution_ms: number | null }[] = [];
  for (const [statement, q] of last) {
    const text = inline(q.sql, q.params);
    const { rows } = await target.sql!([`EXPLAIN (ANALYZE, BUFFERS) ${text}`]);
    const plan = (rows as Record<string, string>[]).map((r) => r['QUERY PLAN'] ?? Object.values(r)[0]!);
    const exec = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)?.[1]).find(Boolean);
    out.push({
      statement,
      sql: text,
      plan,
      execution_ms: exec ? Number(exec) : null,
    });
  }
  return { query: o.query, status: res.status, total: body.total ?? null, statements: out };
}

/** Picks a random element. */
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function measureAttention(
  kind: 'ceiling' | 'system',
  o: RunOptions & AttentionParams,
  cpuProfDir?: string,
) {
  const target = await startTarget(kind, { backend: o.backend, users: o.users, cpuProfDir });
  try {
    const channelIds = kind === 'system' ? await channelsOf(target, o.channels) : [target.channelId];
    const userIds =
      kind === 'system'
        ? (
            (
              await target.sql!([
                `SELECT user_id::text AS id FROM members WHERE server_id = ${BigInt(target.serverId)} ORDER BY user_id`,
              ])
            ).rows as { id: string }[]
          ).map((r) => r.id)
        : [target.serverId];
    const plan = planSeed({ serverId: target.serverId, channelIds, userIds, messages: o.messages });
    const seeded = kind === 'system' ? await seed(target, plan, o.seed_batch) : undefined;

    // what acks target: for each channel, its newest ack_window messages (the ceiling takes any id)
    const perChannel = Math.max(1, Math.floor(o.messages / channelIds.length));
    const window = Math.min(o.ack_window, perChannel);
    const ackPaths: string[] = [];
    for (let i = o.messages - 1; i >= 0 && ackPaths.length < window * channelIds.length; i--)
      ackPaths.push(`/api/channels/${seededChannel(plan, i)}/messages/${seededId(plan, i)}/ack`);
    const tokens = target.tokens.length ? target.tokens : [target.token];

    // warm up: each path once, a few acks
    for (const k of SEARCH_KINDS) {
      const r = await fetch(
        `${target.base}/api/servers/${target.serverId}/messages/search?${searchQuery(k, userIds[0]!)}`,
        {
          headers: { authorization: `Bearer ${target.token}` },
        },
      );
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`search ${k} through ${kind}: ${r.status}`);
    }
    await autocannon({
      url: target.base,
      connections: 4,
      amount: 200,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            path: pick(ackPaths),
            headers: { authorization: `Bearer ${pick(tokens)}` },
          }),
        },
      ],
    });

    const ack = await httpLoad(target.child.pid, {
      url: target.base,
      connections: o.connections,
      duration: o.durationS,
      requests: [
        {
          method: 'POST',
          // many users, each acking in any channel: a random (user, message) per request
          setupRequest: (req) => ({
            ...req,
            path: pick(ackPaths),
            headers: { authorization: `Bearer ${pick(tokens)}` },
          }),
        },
      ],
    });

    const search = {} as Record<SearchKind, HttpMeasure & { query: string; total: number | null }>;
    for (const k of SEARCH_KINDS) {
      const query = searchQuery(k, userIds[0]!);
      const first = await fetch(`${target.base}/api/servers/${target.serverId}/messages/search?${query}`, {
        headers: { authorization: `Bearer ${target.token}` },
      });
      const total = ((await first.json()) as { total?: number }).total ?? null;
      const m = await httpLoad(target.child.pid, {
        url: `${target.base}/api/servers/${target.serverId}/messages/search?${query}`,
        headers: { authorization: `Bearer ${target.token}` },
        connections: o.search_connections,
        overallRate: o.search_rate,
        duration: o.durationS,
      });
      search[k] = { query, total, ...m };
    }

    const explain: Partial<Record<SearchKind, Awaited<ReturnType<typeof explainSearch>>>> = {};
    if (kind === 'system')
      for (const k of EXPLAINED)
        explain[k] = await explainSearch(target, {
          query: searchQuery(k, userIds[0]!),
          token: target.token,
          words: new URLSearchParams(searchQuery(k, userIds[0]!)).get('q') ?? undefined,
        });
    return { target: kind, seed: seeded, ack, search, explain };
  } finally {
    await target.close();
  }
}

export async function attention(o: RunOptions): Promise<BenchResult> {
  const p: AttentionParams = {
    messages: o.messages ?? 1_000_000,
    channels: 20,
    users: o.users ?? 20,
    connections: o.connections ?? 32,
    search_rate: typeof o.rate === 'number' ? o.rate : 10,
    search_connections: 8,
    durationS: o.durationS ?? 10,
    seed_batch: 50_000,
    ack_window: 500,
  };
  return compareWithCeiling('attention', o, p, measureAttention, (sys, ceil) => ({
    ack_req_per_s: ratio(sys.ack.req_per_s, ceil.ack.req_per_s),
    ack_p99: ratio(sys.ack.p99_ms, ceil.ack.p99_ms),
    ...Object.fromEntries(
      SEARCH_KINDS.flatMap((k) => [
        [`search_${k}_p50`, ratio(sys.search[k].p50_ms, ceil.search[k].p50_ms)],
        [`search_${k}_p99`, ratio(sys.search[k].p99_ms, ceil.search[k].p99_ms)],
      ]),
    ),
  }));
}
