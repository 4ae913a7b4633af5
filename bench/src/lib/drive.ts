/**
 * Emits numbered messages at a fixed rate (open loop) or as fast as the sockets absorb them
 * (closed loop: at most `window` messages not yet delivered everywhere). Bounded by count and time.
 */
import type { ClientPool } from './clients.ts';
import { Histogram, nowUs } from './histogram.ts';
import type { Target } from './targets.ts';

export interface DriveOptions {
  /** messages per second, or 'max' */
  rate: number | 'max';
  durationS: number;
  /** closed loop: messages in flight */
  window: number;
  /** hard cap on messages, whatever the time */
  maxMessages: number;
  /** how long to wait after the last send for deliveries to finish */
  drainMs: number;
}

export interface DriveResult {
  sent: number;
  send_errors: number;
  /** fully delivered messages (every ready socket got it) */
  completed: number;
  /** first send → last completion (or drain timeout), seconds */
  elapsed_s: number;
  /** time for the sender's own call (POST round trip for the system) */
  send_latency: ReturnType<Histogram['summary']>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function drive(
  target: Target,
  pool: ClientPool,
  firstSeq: number,
  o: DriveOptions,
): Promise<DriveResult> {
  const sendHist = new Histogram();
  let sent = 0;
  let errors = 0;
  let completed = 0;
  let inFlight = 0;
  let lastDoneUs = 0;
  const pending = new Set<number>();
  let wake: (() => void) | undefined;
  pool.onDone((seq) => {
    if (!pending.delete(seq)) return;
    completed++;
    lastDoneUs = nowUs();
    wake?.();
  });
  const fire = (seq: number) => {
    pending.add(seq);
    sent++;
    inFlight++;
    const t = nowUs();
    target.send(seq).then(
      (ok) => {
        sendHist.record(nowUs() - t);
        if (!ok) errors++;
        inFlight--;
        if (!ok) pending.delete(seq);
      },
      () => {
        errors++;
        inFlight--;
        pending.delete(seq);
      },
    );
  };
  const t0 = nowUs();
  const endUs = t0 + o.durationS * 1e6;
  let seq = firstSeq;
  if (o.rate === 'max') {
    while (nowUs() < endUs && sent < o.maxMessages) {
      while (pending.size < o.window && sent < o.maxMessages && nowUs() < endUs) fire(seq++);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 1000);
      });
    }
  } else {
    const gapUs = 1e6 / o.rate;
    while (sent < o.maxMessages) {
      const due = t0 + sent * gapUs;
      if (due >= endUs) break;
      const wait = due - nowUs();
      if (wait > 1000) await sleep(wait / 1000);
      // bounded even if the system stops answering
      if (inFlight < 256) fire(seq++);
      else {
        errors++;
        sent++;
      }
    }
  }
  const drainEnd = nowUs() + o.drainMs * 1000;
  while ((pending.size > 0 || inFlight > 0) && nowUs() < drainEnd) await sleep(20);
  const endAt = pending.size === 0 && lastDoneUs ? lastDoneUs : nowUs();
  return {
    sent,
    send_errors: errors,
    completed,
    elapsed_s: (endAt - t0) / 1e6,
    send_latency: sendHist.summary(),
  };
}
