/**
 * The machine's ceiling: a bare `ws` server (plus node:http for REST) that does the least a
 * gateway must — HELLO, SUBSCRIBED, and the same MESSAGE_CREATE frame written to every socket.
 * Driven over IPC by the harness; runs in its own process like the real system under test.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { benchContent, fakeIds, messageCreateFrame } from '../lib/frames.ts';
import { nowUs } from '../lib/histogram.ts';

/** `us`: when the harness decided to send, so queueing in front of the broadcast counts, as it does for a POST */
type Msg = { type: string; seq?: number; us?: number };
const ids = fakeIds();
const subscribed = new Set<WebSocket>();
let s = 0;

function messageJson(content: string): string {
  const f = messageCreateFrame(0, content, ids);
  return f.slice(f.indexOf('"d":') + 4, -1);
}
const history = `{"messages":[${Array.from({ length: 50 }, (_, i) => messageJson(benchContent(i, nowUs()))).join(',')}],"has_more":true}`;
/** a full search page (25, the most the API returns) and a total, as GET …/messages/search answers */
const searchPage = `{"messages":[${Array.from({ length: 25 }, (_, i) => messageJson(benchContent(i, nowUs()))).join(',')}],"total":1000}`;

const http = createServer((req, res) => {
  if (req.method === 'POST' && /^\/api\/channels\/\d+\/messages\/\d+\/ack$/.test(req.url ?? '')) {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
    return;
  }
  if (req.method === 'GET' && /^\/api\/servers\/\d+\/messages\/search\?/.test(req.url ?? '')) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(searchPage);
    return;
  }
  if (req.method === 'POST' && /^\/api\/channels\/\d+\/messages$/.test(req.url ?? '')) {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      let content: string;
      try {
        content = String((JSON.parse(body) as { content: unknown }).content);
      } catch {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"error":{"code":"invalid_body","message":"bad json"}}');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(messageJson(content));
    });
    return;
  }
  if (req.method === 'GET' && /^\/api\/channels\/\d+\/messages/.test(req.url ?? '')) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(history);
    return;
  }
  res
    .writeHead(404, { 'content-type': 'application/json' })
    .end('{"error":{"code":"not_found","message":"not found"}}');
});

const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
let sessions = 0;
wss.on('connection', (ws) => {
  ws.send(`{"op":"HELLO","d":{"heartbeat_interval":30000,"session_id":"s${++sessions}"}}`);
  ws.on('message', (raw: Buffer) => {
    let frame: { op?: string; d?: { server_id?: string; channel_ids?: string[] } };
    try {
      frame = JSON.parse(raw.toString()) as typeof frame;
    } catch {
      return;
    }
    if (frame.op === 'SUBSCRIBE') {
      subscribed.add(ws);
      ws.send(
        JSON.stringify({
          op: 'SUBSCRIBED',
          d: { server_id: frame.d?.server_id, channel_ids: frame.d?.channel_ids ?? [] },
        }),
      );
    } else if (frame.op === 'HEARTBEAT') ws.send('{"op":"HEARTBEAT_ACK"}');
  });
  ws.on('close', () => subscribed.delete(ws));
});

process.on('message', (m: Msg) => {
  if (m.type === 'broadcast') {
    // one string, built once, written to every socket: what a gateway cannot beat
    const frame = Buffer.from(messageCreateFrame(++s, benchContent(m.seq ?? 0, m.us ?? nowUs()), ids));
    for (const ws of subscribed) ws.send(frame, { binary: false });
  } else if (m.type === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: 'gc-done', memory: process.memoryUsage() });
  } else if (m.type === 'close') {
    if (process.env.BENCH_VERBOSE) console.error(`ceiling: ${s} broadcasts to ${subscribed.size} sockets`);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  }
});
process.on('disconnect', () => process.exit(0));

http.listen(0, '127.0.0.1', () => {
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}`, ids });
});
