/**
 * Malformed gateway frames at scale: fast-check generates frames with unknown ops, wrongly typed
 * or missing fields, invalid ids, nasty strings, broken JSON, binary data and over-sized payloads,
 * sent over several sockets. The gateway must answer with well-formed frames (ERROR in the error
 * shape, never "internal"/"unavailable" while everything is up), close only over-sized frames
 * (1009), keep serving the sockets, and deliver events to a clean client afterwards.
 */
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, GatewayClient } from '../helpers/client.ts';
import { buildWorld, sleep, startSystem, type TestSystem, type World } from '../security/harness.ts';

const RUNS = Number(process.env.FUZZ_FRAMES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SOCKETS = 4;

type Frame = { text: string } | { binary: number[] };

interface Sock {
  ws: WebSocket;
  received: unknown[];
  closeCode?: number;
  closed: Promise<number>;
}

function open(edge: string, token: string): Promise<Sock> {
  const ws = new WebSocket(`${edge.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
  const sock: Sock = { ws, received: [], closed: Promise.resolve(0) };
  sock.closed = new Promise((resolve) =>
    ws.on('close', (code) => {
      sock.closeCode = code;
      resolve(code);
    }),
  );
  ws.on('message', (raw, isBinary) => sock.received.push(isBinary ? { binary: true } : String(raw)));
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(sock));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
  });
}

describe('gateway frame fuzz', () => {
  let t: TestSystem;
  let w: World;

  beforeAll(async () => {
    t = await startSystem({ env: { RATE_LIMITS: 'off' } });
    w = await buildWorld(t.edge);
  });
  afterAll(async () => t?.close());

  it(`${RUNS} malformed frames: well-formed answers only, no crash, sockets keep working`, async () => {
    const id = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(w.sid, w.cid, w.bSid, w.bCid, w.mid) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '-1',
          '1e3',
          '0',
          '',
          ' 1',
          '99999999999999999999',
          '9223372036854775808',
          '18446744073709551615',
          '1.5',
          'abc',
          '\u0000',
          '\ud800',
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 25 }) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.integer(),
          fc.constant(null),
          fc.boolean(),
          fc.double(),
        ) as fc.Arbitrary<unknown>,
      },
    );
    const anyValue = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(null, -1, 1e308, 2 ** 53 + 1, 'x'.repeat(5000), [], {}),
    );
    const d = fc.oneof(
      fc.record(
        {
          server_id: id,
          channel_ids: fc.oneof(
            fc.array(id, { maxLength: 6 }),
            anyValue,
            fc.constant(Array.from({ length: 600 }, (_, i) => String(i + 1))),
          ),
          session_id: fc.oneof(fc.string({ maxLength: 40 }), anyValue, fc.constant('x'.repeat(200))),
          seq: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 2 ** 53, '5', null)),
        },
        { requiredKeys: [] },
      ),
      anyValue,
    );
    const frame: fc.Arbitrary<Frame> = fc.oneof(
      {
        weight: 32,
        arbitrary: fc
          .record(
            {
              op: fc.oneof(
                { weight: 5, arbitrary: fc.constantFrom('HEARTBEAT', 'SUBSCRIBE', 'UNSUBSCRIBE', 'RESUME') },
                {
                  weight: 2,
                  arbitrary: fc.constantFrom(
                    'IDENTIFY',
                    'EVENT',
                    'HELLO',
                    'heartbeat',
                    '',
                    'SUBSCRIBE ',
                    '__proto__',
                    'constructor',
                  ),
                },
                { weight: 1, arbitrary: anyValue },
              ),
              d,
              s: fc.oneof(fc.integer(), anyValue),
            },
            { requiredKeys: [] },
          )
          .map((f) => ({ text: JSON.stringify(f) })),
      },
      {
        weight: 8,
        arbitrary: fc
          .oneof(
            fc.constantFrom(
              '',
              '{',
              'null',
              '[]',
              '"HEARTBEAT"',
              '{"op":"HEARTBEAT"',
              '{"op":"SUBSCRIBE","d":{"server_id":"\\ud800","channel_ids":["\\u0000"]}}',
              '{"op":"RESUME","d":{"session_id":"\\u0000","seq":1e400}}',
              '{"__proto__":{"op":"HEARTBEAT"}}',
              '['.repeat(3000) + ']'.repeat(3000),
              '{"op":"HEARTBEAT","d":' + '{"a":'.repeat(2000) + '1' + '}'.repeat(2001),
              'x'.repeat(60_000),
            ),
            fc.string({ maxLength: 100 }),
          )
          .map((text) => ({ text })),
      },
      {
        weight: 4,
        arbitrary: fc
          .array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 })
          .map((binary) => ({ binary })),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Frame>(
          { text: 'y'.repeat(70_000) },
          { binary: Array.from({ length: 70_000 }, () => 1) },
        ),
      },
    );

    const frames = fc.sample(frame, { numRuns: RUNS, seed: SEED });
    const socks: Sock[] = [];
    for (let i = 0; i < SOCKETS; i++) socks.push(await open(t.edge, i % 2 ? w.a.access : w.b.access));
    const all: Sock[] = [...socks];
    /** the slot's socket, replaced by a fresh one when an over-sized frame closed it */
    const openSlot = async (slot: number): Promise<Sock> => {
      if (socks[slot]!.ws.readyState !== WebSocket.OPEN) {
        socks[slot] = await open(t.edge, slot % 2 ? w.a.access : w.b.access);
        all.push(socks[slot]);
      }
      return socks[slot]!;
    };
    let oversized = 0;
    const badCloses: string[] = [];
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i]!;
      const sock = await openSlot(i % SOCKETS);
      const size = 'text' in f ? Buffer.byteLength(f.text) : f.binary.length;
      if ('text' in f) sock.ws.send(f.text);
      else sock.ws.send(Buffer.from(f.binary), { binary: true });
      if (size > 64 * 1024) {
        oversized++;
        const code = await Promise.race([sock.closed, sleep(5000).then(() => -1)]);
        if (code !== 1009) badCloses.push(`over-sized frame closed with ${code}`);
      }
      if (i % 50 === 49) await sleep(5);
    }
    // let the queued SUBSCRIBE/RESUME work finish, then every socket still answers
    await sleep(500);
    for (let slot = 0; slot < SOCKETS; slot++) {
      // a slot whose last frame was over-sized is closed (1009, checked above): ask a fresh socket
      const sock = await openSlot(slot);
      const before = sock.received.length;
      sock.ws.send('{"op":"HEARTBEAT","d":{"seq":null}}');
      const deadline = Date.now() + 5000;
      while (!sock.received.slice(before).some((r) => typeof r === 'string' && r.includes('HEARTBEAT_ACK'))) {
        if (Date.now() > deadline) throw new Error(`socket stopped answering (closed ${sock.closeCode})`);
        await sleep(20);
      }
    }

    let answers = 0;
    let errors = 0;
    const problems: string[] = [];
    const codes = new Map<string, number>();
    for (const sock of all) {
      if (sock.closeCode !== undefined && sock.closeCode !== 1009)
        badCloses.push(`closed with ${sock.closeCode}`);
      for (const raw of sock.received) {
        answers++;
        if (typeof raw !== 'string') {
          problems.push('binary frame from the server');
          continue;
        }
        let parsed: { op?: unknown; d?: { code?: unknown; message?: unknown } };
        try {
          parsed = JSON.parse(raw) as typeof parsed;
        } catch {
          problems.push(`not JSON: ${raw.slice(0, 100)}`);
          continue;
        }
        if (typeof parsed.op !== 'string') problems.push(`no op: ${raw.slice(0, 100)}`);
        if (parsed.op === 'ERROR') {
          errors++;
          const code = parsed.d?.code;
          if (typeof code !== 'string' || typeof parsed.d?.message !== 'string')
            problems.push(`bad ERROR: ${raw.slice(0, 100)}`);
          else {
            codes.set(code, (codes.get(code) ?? 0) + 1);
            if (code === 'internal' || code === 'unavailable')
              problems.push(`server-side failure: ${raw.slice(0, 200)}`);
          }
        }
      }
    }
    for (const sock of all) sock.ws.terminate();
    console.log(
      `[fuzz gateway] seed=${SEED} frames fuzzed=${frames.length} (over-sized ${oversized}) answers=${answers} ERROR=${errors} ` +
        `codes ${[...codes].map(([c, n]) => `${c}:${n}`).join(' ')} sockets=${all.length}`,
    );
    expect(problems.slice(0, 10), `seed ${SEED}`).toEqual([]);
    expect(badCloses.slice(0, 10), `seed ${SEED}`).toEqual([]);

    // the gateway still delivers to a clean client
    const clean = await GatewayClient.connect(t.edge, w.a.access);
    clean.send({ op: 'SUBSCRIBE', d: { server_id: w.sid, channel_ids: [w.cid] } });
    await clean.waitFor((f) => f.op === 'SUBSCRIBED');
    const msg = await api<{ id: string }>(t.edge, 'POST', `/api/channels/${w.cid}/messages`, {
      token: w.a.access,
      body: { content: 'after the storm' },
    });
    expect(msg.status).toBe(201);
    await clean.waitFor(
      (f) =>
        f.op === 'EVENT' &&
        f.t === 'MESSAGE_CREATE' &&
        (f as unknown as { d: { id: string } }).d.id === msg.body.id,
    );
    clean.close();
  }, 120_000);
});
