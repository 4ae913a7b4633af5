/**
 * A websocat stand-in for the smoke checklist: prints every frame the gateway sends and sends
 * each line typed on stdin. `npx tsx scripts/ws.ts "ws://localhost:60420/ws?token=$ACCESS"`
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const url = process.argv[2];
if (!url) {
  console.error('usage: npx tsx scripts/ws.ts "ws://localhost:60420/ws?token=ACCESS"');
  process.exit(2);
}
const ws = new WebSocket(url);
ws.on('unexpected-response', (_req, res) => {
  console.error(`refused: HTTP ${res.statusCode}`);
  process.exit(1);
});
ws.on('error', (err) => {
  console.error(String(err));
  process.exit(1);
});
ws.on('message', (data) => console.log(String(data)));
ws.on('close', (code, reason) => {
  console.error(`closed ${code} ${String(reason)}`);
  process.exit(0);
});
ws.on('open', () => {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim()) ws.send(line);
  });
});
