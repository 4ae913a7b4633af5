/**
 * rest: message send (POST) and history read (GET limit 50) through the Edge with a valid
 * token, driven by autocannon from the harness process; the ceiling is node:http answering
 * bodies of the same shape and size.
 */
import autocannon from 'autocannon';
import { benchContent } from '../lib/frames.ts';
import { nowUs } from '../lib/histogram.ts';
import { httpLoad, type HttpMeasure } from '../lib/http-load.ts';
import { ratio, type BenchResult } from '../lib/report.ts';
import { startTarget, type Target } from '../lib/targets.ts';
import { compareWithCeiling, type RunOptions } from './common.ts';
import { measureReactions } from './rest-reactions.ts';

async function cannon(
  target: Target,
  kind: 'send' | 'history',
  o: { durationS: number; connections: number },
): Promise<HttpMeasure> {
  const path = `/api/channels/${target.channelId}/messages`;
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}` };
  const opts: autocannon.Options =
    kind === 'send'
      ? {
          url: `${target.base}${path}`,
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ content: benchContent(1, nowUs()) }),
        }
      : { url: `${target.base}${path}?limit=50`, method: 'GET', headers };
  return httpLoad(target.child.pid, { ...opts, connections: o.connections, duration: o.durationS });
}

async function measureRest(
  kind: 'ceiling' | 'system',
  o: RunOptions & { durationS: number; connections: number },
  cpuProfDir?: string,
) {
  const target = await startTarget(kind, { backend: o.backend, users: 1, cpuProfDir });
  try {
    // warm up and make sure history has a full page
    for (let i = 0; i < 60; i++) if (!(await target.send(i))) throw new Error(`POST through ${kind} failed`);
    await autocannon({
      url: `${target.base}/api/channels/${target.channelId}/messages?limit=50`,
      headers: { authorization: `Bearer ${target.token}` },
      connections: 4,
      amount: 200,
    });
    const send = await cannon(target, 'send', o);
    const history = await cannon(target, 'history', o);
    // --reactions: the page with reactions on every message against the same page without
    const reactions = kind === 'system' && o.reactions ? await measureReactions(target, o) : undefined;
    return { target: kind, send, history, ...(reactions ? { reactions } : {}) };
  } finally {
    await target.close();
  }
}

export async function rest(o: RunOptions): Promise<BenchResult> {
  const p = { durationS: o.durationS ?? 10, connections: o.connections ?? 32 };
  return compareWithCeiling('rest', o, p, measureRest, (sys, ceil) => ({
    send_req_per_s: ratio(sys.send.req_per_s, ceil.send.req_per_s),
    history_req_per_s: ratio(sys.history.req_per_s, ceil.history.req_per_s),
  }));
}
