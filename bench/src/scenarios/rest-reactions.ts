/**
 * rest --reactions: the history page with reactions on every message against the same page
 * without, in the same system and the same run (issue 16: within 10 %). Two fresh channels get
 * the same messages; one gets EMOJI reactions on every message. Two measures per page, both
 * alternating between the two channels so drift in a shared machine's load hits both alike:
 * `interleaved`, one request at a time, plain and reacted in turn, the median latency of each
 * (the headline: least disturbed by other load); and short autocannon rounds under concurrency,
 * the median of each round's reacted ÷ plain req/s. Two pages: the newest (what opening a
 * channel asks for; served by the read cache when it is on) and an older one (`before=`: always
 * read from the database).
 */
import { api } from '../../../test/helpers/client.ts';
import { httpLoad, type HttpMeasure } from '../lib/http-load.ts';
import { ratio } from '../lib/report.ts';
import type { Target } from '../lib/targets.ts';

/** reactions per message: as many as the client shows in one row of chips, without scrolling */
const EMOJI = ['👍', '🎉', '❤️'];
/** enough for a full newest page and a full older one */
const MESSAGES = 101;
const ROUNDS = 9;
/** requests of each kind in the interleaved measure */
const INTERLEAVED = 400;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function channelWith(target: Target, name: string, reacted: boolean) {
  const auth = { token: target.token };
  const ch = await api<{ id: string }>(target.base, 'POST', `/api/servers/${target.serverId}/channels`, {
    ...auth,
    body: { name },
  });
  if (ch.status !== 201) throw new Error(`create channel: ${ch.status}`);
  const ids: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const m = await api<{ id: string }>(target.base, 'POST', `/api/channels/${ch.body.id}/messages`, {
      ...auth,
      body: { content: `history with reactions, message ${i} of ${MESSAGES}` },
    });
    if (m.status !== 201) throw new Error(`post: ${m.status}`);
    ids.push(m.body.id);
    if (!reacted) continue;
    for (const e of EMOJI) {
      const path = `/api/channels/${ch.body.id}/messages/${m.body.id}/reactions/${encodeURIComponent(e)}/@me`;
      const r = await api(target.base, 'PUT', path, auth);
      if (r.status !== 204) throw new Error(`react: ${r.status}`);
    }
  }
  // the older page: the 50 before the newest
  return { id: ch.body.id, olderBefore: ids[ids.length - 1]! };
}

export interface ReactionsMeasure {
  emoji_per_message: number;
  rounds: number;
  round_s: number;
  pages: Record<
    'newest' | 'older',
    {
      /** one request at a time, alternating: median ms of each, and reacted ÷ plain */
      interleaved: { plain_p50_ms: number; reacted_p50_ms: number; ratio: number | null; requests: number };
      plain_req_per_s: number[];
      reacted_req_per_s: number[];
      plain_p50_ms: number[];
      reacted_p50_ms: number[];
      /** median reacted req/s ÷ median plain req/s (1 = as fast; the issue asks ≥ 0.9) */
      throughput_ratio: number | null;
      /** the median of each round's reacted ÷ plain req/s (the two ran back to back: less drift) */
      paired_throughput_ratio: number | null;
      /** median reacted p50 ÷ median plain p50 */
      latency_ratio: number | null;
      non2xx: number;
    }
  >;
  last: { plain: HttpMeasure; reacted: HttpMeasure };
}

export async function measureReactions(
  target: Target,
  o: { connections: number; durationS: number },
): Promise<ReactionsMeasure> {
  const plain = await channelWith(target, 'plain', false);
  const reacted = await channelWith(target, 'reacted', true);
  const headers = { authorization: `Bearer ${target.token}` };
  const roundS = Math.max(1, Math.round(o.durationS / 4));
  const url = (c: { id: string; olderBefore: string }, page: 'newest' | 'older') =>
    `${target.base}/api/channels/${c.id}/messages?limit=50${page === 'older' ? `&before=${c.olderBefore}` : ''}`;
  const load = (u: string, duration: number) =>
    httpLoad(target.child.pid, { url: u, headers, connections: o.connections, duration });
  const out = {} as ReactionsMeasure['pages'];
  let last: ReactionsMeasure['last'] | undefined;
  const once = async (u: string) => {
    const t = process.hrtime.bigint();
    const res = await fetch(u, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${u}: ${res.status}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (const page of ['newest', 'older'] as const) {
    // warm both (JIT, caches) before the first measured round
    await load(url(plain, page), 1);
    await load(url(reacted, page), 1);
    const seq = { plain: [] as number[], reacted: [] as number[] };
    for (let i = 0; i < INTERLEAVED; i++) {
      const order = i % 2 === 0 ? (['plain', 'reacted'] as const) : (['reacted', 'plain'] as const);
      for (const which of order) seq[which].push(await once(url(which === 'plain' ? plain : reacted, page)));
    }
    const interleaved = {
      plain_p50_ms: Math.round(median(seq.plain) * 1000) / 1000,
      reacted_p50_ms: Math.round(median(seq.reacted) * 1000) / 1000,
      ratio: ratio(median(seq.reacted), median(seq.plain)),
      requests: INTERLEAVED,
    };
    const r = {
      plain_req_per_s: [] as number[],
      reacted_req_per_s: [] as number[],
      plain_p50_ms: [] as number[],
      reacted_p50_ms: [] as number[],
      non2xx: 0,
    };
    for (let i = 0; i < ROUNDS; i++) {
      // alternate which goes first, so neither always follows the other
      const order = i % 2 === 0 ? (['plain', 'reacted'] as const) : (['reacted', 'plain'] as const);
      const got = {} as Record<'plain' | 'reacted', HttpMeasure>;
      for (const which of order)
        got[which] = await load(url(which === 'plain' ? plain : reacted, page), roundS);
      r.plain_req_per_s.push(got.plain.req_per_s);
      r.reacted_req_per_s.push(got.reacted.req_per_s);
      r.plain_p50_ms.push(got.plain.p50_ms);
      r.reacted_p50_ms.push(got.reacted.p50_ms);
      r.non2xx += got.plain.non2xx + got.reacted.non2xx + got.plain.errors + got.reacted.errors;
      last = got;
    }
    out[page] = {
      interleaved,
      ...r,
      throughput_ratio: ratio(median(r.reacted_req_per_s), median(r.plain_req_per_s)),
      paired_throughput_ratio: ratio(
        median(r.reacted_req_per_s.map((x, i) => x / Math.max(1, r.plain_req_per_s[i]!))),
        1,
      ),
      latency_ratio: ratio(median(r.reacted_p50_ms), median(r.plain_p50_ms)),
    };
  }
  return { emoji_per_message: EMOJI.length, rounds: ROUNDS, round_s: roundS, pages: out, last: last! };
}
