/**
 * One slice of the load generator: raw `ws` clients that connect, wait for HELLO, SUBSCRIBE,
 * wait for SUBSCRIBED, then time every marked frame (send instant → receipt). Several of these
 * run side by side so the generator is not the bottleneck; each reports its own counters.
 */
import WebSocket from 'ws';
import { readMarker } from '../lib/frames.ts';
import { Histogram, nowUs } from '../lib/histogram.ts';

interface ConnectCmd {
  type: 'connect';
  url: string;
  count: number;
  tokens: string[];
  subscribe?: { server_id: string; channel_ids: string[] };
  /** sockets opening at once; 0 = all at once (storm) */
  concurrency: number;
  heartbeatMs: number;
  /** report {type:'done', seq} once every ready socket here has received seq */
  track: boolean;
  timeoutMs: number;
}

const HELLO = Buffer.from('"op":"HELLO"');
const SUBSCRIBED = Buffer.from('"op":"SUBSCRIBED"');

let measuring = false;
let hist = new Histogram();
let delivered = 0;
let frameBytes = 0;
let track = false;
const open = new Set<WebSocket>();
/** every socket whose upgrade succeeded: the server's heartbeat clock runs from there, not from ready */
const live = new Set<WebSocket>();
const seqCounts = new Map<number, number>();
const closeCodes: Record<string, number> = {};
const errors: string[] = [];
let ready = 0;
let failed = 0;
let firstUs = 0;
let lastReadyUs = 0;
let heartbeat: NodeJS.Timeout | undefined;

function note(err: string): void {
  if (errors.length < 5 && !errors.includes(err)) errors.push(err);
}

function openOne(cmd: ConnectCmd, i: number): Promise<void> {
  return new Promise((resolve) => {
    const token = cmd.tokens.length ? cmd.tokens[i % cmd.tokens.length] : undefined;
    const url = token ? `${cmd.url}?token=${encodeURIComponent(token)}` : cmd.url;
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: cmd.timeoutMs });
    let state: 'hello' | 'sub' | 'ready' | 'dead' = 'hello';
    const fail = (why: string) => {
      if (state === 'ready' || state === 'dead') return;
      state = 'dead';
      failed++;
      note(why);
      ws.terminate();
      resolve();
    };
    const timer = setTimeout(
      () => fail(`not ready after ${cmd.timeoutMs} ms (state ${state})`),
      cmd.timeoutMs,
    );
    const becomeReady = () => {
      state = 'ready';
      clearTimeout(timer);
      ready++;
      open.add(ws);
      lastReadyUs = nowUs();
      resolve();
    };
    ws.on('message', (raw: Buffer) => {
      if (state === 'ready') {
        const mark = readMarker(raw);
        if (!mark) return;
        if (measuring) {
          hist.record(nowUs() - mark[1]);
          delivered++;
          if (!frameBytes) frameBytes = raw.length;
        }
        if (track) {
          const n = (seqCounts.get(mark[0]) ?? 0) + 1;
          if (n >= open.size) {
            seqCounts.delete(mark[0]);
            process.send!({ type: 'done', seq: mark[0] });
          } else seqCounts.set(mark[0], n);
        }
        return;
      }
      if (state === 'hello' && raw.indexOf(HELLO) >= 0) {
        if (!cmd.subscribe) return becomeReady();
        state = 'sub';
        ws.send(JSON.stringify({ op: 'SUBSCRIBE', d: cmd.subscribe }));
      } else if (state === 'sub' && raw.indexOf(SUBSCRIBED) >= 0) becomeReady();
    });
    ws.on('open', () => live.add(ws));
    ws.on('unexpected-response', (_req, res) => fail(`upgrade refused: HTTP ${res.statusCode}`));
    ws.on('error', (err) => fail(`socket error: ${err.message}`));
    ws.on('close', (code) => {
      live.delete(ws);
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      if (state === 'ready') open.delete(ws);
      fail(`closed ${code} before ready`);
      state = 'dead';
    });
  });
}

async function connectAll(cmd: ConnectCmd): Promise<void> {
  track = cmd.track;
  firstUs = nowUs();
  // heartbeats from the first connect, in slices so 10,000 sockets do not all write in one tick
  let slice = 0;
  const SLICES = 20;
  heartbeat = setInterval(
    () => {
      let i = 0;
      for (const ws of live)
        if (i++ % SLICES === slice && ws.readyState === WebSocket.OPEN)
          ws.send('{"op":"HEARTBEAT","d":{"seq":null}}');
      slice = (slice + 1) % SLICES;
    },
    Math.max(50, Math.floor(cmd.heartbeatMs / SLICES)),
  );
  if (cmd.concurrency <= 0) {
    await Promise.all(Array.from({ length: cmd.count }, (_, i) => openOne(cmd, i)));
  } else {
    let next = 0;
    const lane = async () => {
      while (next < cmd.count) await openOne(cmd, next++);
    };
    await Promise.all(Array.from({ length: Math.min(cmd.concurrency, cmd.count) }, lane));
  }
  process.send!({ type: 'ready', ready, failed, firstUs, lastReadyUs, errors, closeCodes });
}

process.on('message', (m: { type: string } & Partial<ConnectCmd>) => {
  if (m.type === 'connect') void connectAll(m as ConnectCmd);
  else if (m.type === 'measure') {
    measuring = true;
    hist = new Histogram();
    delivered = 0;
  } else if (m.type === 'report') {
    measuring = false;
    process.send!({
      type: 'report',
      delivered,
      hist: hist.toJSON(),
      open: open.size,
      closeCodes,
      errors,
      frameBytes,
    });
  } else if (m.type === 'close') {
    clearInterval(heartbeat);
    for (const ws of open) ws.terminate();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'started' });
