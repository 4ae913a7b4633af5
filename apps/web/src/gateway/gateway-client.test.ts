import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientFrame } from '@twopointo/shared';
import { GatewayClient, type GatewayEvent, type SocketLike } from './gateway-client.ts';

class FakeSocket implements SocketLike {
  readyState = 1;
  sent: ClientFrame[] = [];
  closed: { code?: number } | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(code?: number) {
    if (this.closed) return;
    this.closed = { code };
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code: code ?? 1005, reason: '' }));
  }
  /** the server hangs up */
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  ops() {
    return this.sent.map((f) => f.op);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const tokens: boolean[] = [];
  const events: GatewayEvent[] = [];
  let invalidated = 0;
  const client = new GatewayClient({
    getToken: async (force) => {
      tokens.push(force);
      return `tok${tokens.length}`;
    },
    url: (t) => `ws://edge/ws?token=${t}`,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 1,
    baseDelayMs: 100,
    maxDelayMs: 1000,
  });
  client.on('event', (e) => events.push(e));
  client.on('invalidated', () => invalidated++);
  return { client, sockets, tokens, events, invalidations: () => invalidated };
}

const flush = () => vi.advanceTimersByTimeAsync(0);
const hello = (session: string, interval = 1000) => ({
  op: 'HELLO',
  d: { heartbeat_interval: interval, session_id: session },
});
const message = (s: number, id = String(s)) => ({
  op: 'EVENT',
  t: 'MESSAGE_CREATE',
  s,
  d: {
    id,
    channel_id: 'c1',
    server_id: 's1',
    author: { id: 'u', username: 'u' },
    content: 'x',
    attachments: [],
    reply_to_id: null,
    created_at: '2026-01-01T00:00:00Z',
    edited_at: null,
  },
});

describe('GatewayClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects with the token, subscribes after HELLO and tracks the last s', async () => {
    const { client, sockets, events } = setup();
    client.subscribe('s1', ['c1', 'c2']);
    client.start();
    await flush();
    expect(client.status).toBe('connecting');
    const ws = sockets[0]!;
    expect(ws.url).toBe('ws://edge/ws?token=tok1');
    ws.receive(hello('sess-1'));
    expect(client.status).toBe('ready');
    expect(client.sessionId).toBe('sess-1');
    expect(ws.sent).toEqual([{ op: 'SUBSCRIBE', d: { server_id: 's1', channel_ids: ['c1', 'c2'] } }]);

    ws.receive(message(7));
    ws.receive(message(12));
    ws.receive({
      op: 'EVENT',
      t: 'TYPING_START',
      d: { channel_id: 'c1', server_id: 's1', user_id: 'u', username: 'u', timestamp: 'x' },
    });
    expect(client.lastSeq).toBe(12);
    expect(events.map((e) => e.t)).toEqual(['MESSAGE_CREATE', 'MESSAGE_CREATE', 'TYPING_START']);

    // a subscription made while connected goes out at once; an identical one does not
    client.subscribe('s2', ['c9']);
    client.subscribe('s2', ['c9']);
    expect(ws.sent.filter((f) => f.op === 'SUBSCRIBE')).toHaveLength(2);
    client.stop();
  });

  it('sends heartbeats with the last s and drops a connection that stops answering', async () => {
    const { client, sockets } = setup();
    client.start();
    await flush();
    const ws = sockets[0]!;
    ws.receive(hello('sess-1', 1000));
    ws.receive(message(3));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.sent.at(-1)).toEqual({ op: 'HEARTBEAT', d: { seq: 3 } });
    ws.receive({ op: 'HEARTBEAT_ACK' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.sent.filter((f) => f.op === 'HEARTBEAT')).toHaveLength(2);
    // no ACK this time: the next tick closes the zombie and a reconnect begins
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.closed).not.toBeNull();
    expect(client.status).toBe('reconnecting');
    client.stop();
  });

  it('reconnects with backoff and RESUMEs the old session with the last s', async () => {
    const { client, sockets, events, invalidations } = setup();
    client.subscribe('s1', ['c1']);
    client.start();
    await flush();
    sockets[0]!.receive(hello('sess-1'));
    sockets[0]!.receive(message(41));

    const statuses: string[] = [];
    client.on('status', (s) => statuses.push(s));
    sockets[0]!.drop();
    expect(client.status).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(sockets).toHaveLength(1); // first retry waits base delay (random=1 → full 100 ms)
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);

    const ws = sockets[1]!;
    ws.receive(hello('sess-2'));
    expect(ws.sent).toEqual([{ op: 'RESUME', d: { session_id: 'sess-1', seq: 41 } }]);
    expect(client.status).toBe('reconnecting'); // still catching up
    ws.receive(message(42));
    ws.receive(message(45));
    ws.receive({ op: 'RESUMED', d: { replayed: 2 } });
    expect(client.status).toBe('ready');
    expect(client.sessionId).toBe('sess-2');
    expect(client.lastSeq).toBe(45);
    expect(client.stats).toMatchObject({ resumes: 1, invalidSessions: 0, lastReplayed: 2 });
    expect(events.map((e) => ('s' in e ? e.s : null))).toEqual([41, 42, 45]);
    // subscriptions are re-asserted after the resume (idempotent on the server)
    expect(ws.sent.at(-1)).toEqual({ op: 'SUBSCRIBE', d: { server_id: 's1', channel_ids: ['c1'] } });
    expect(invalidations()).toBe(0);
    expect(statuses).toEqual(['reconnecting', 'ready']);
    client.stop();
  });

  it('backs off exponentially while the server stays away, up to the maximum', async () => {
    const { client, sockets } = setup();
    client.start();
    await flush();
    sockets[0]!.receive(hello('sess-1'));
    const times: number[] = [];
    let t = 0;
    for (let i = 0; i < 5; i++) {
      sockets.at(-1)!.drop();
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before) {
        await vi.advanceTimersByTimeAsync(10);
        waited += 10;
      }
      times.push(waited);
      t += waited;
    }
    expect(times).toEqual([100, 200, 400, 800, 1000]);
    expect(t).toBeGreaterThan(0);
    client.stop();
  });

  it('on INVALID_SESSION starts fresh: new session, SUBSCRIBE again, and asks for a refetch', async () => {
    const { client, sockets, invalidations } = setup();
    client.subscribe('s1', ['c1']);
    client.start();
    await flush();
    sockets[0]!.receive(hello('sess-1'));
    sockets[0]!.receive(message(5));
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(100);
    const ws = sockets[1]!;
    ws.receive(hello('sess-2'));
    ws.receive({ op: 'INVALID_SESSION' });
    expect(client.status).toBe('ready');
    expect(client.sessionId).toBe('sess-2');
    expect(client.lastSeq).toBeNull();
    expect(invalidations()).toBe(1);
    expect(ws.ops()).toEqual(['RESUME', 'SUBSCRIBE']);
    client.stop();
  });

  it('going offline closes the socket at once; coming online skips the wait', async () => {
    const { client, sockets } = setup();
    client.start();
    await flush();
    sockets[0]!.receive(hello('sess-1'));
    client.handleOffline();
    await flush();
    expect(client.status).toBe('reconnecting');
    client.handleOnline();
    await flush();
    expect(sockets).toHaveLength(2);
    client.stop();
  });

  it('asks for a fresh token after the gateway refused one (4001)', async () => {
    const { client, sockets, tokens } = setup();
    client.start();
    await flush();
    sockets[0]!.receive(hello('sess-1'));
    sockets[0]!.drop(4001);
    await vi.advanceTimersByTimeAsync(100);
    expect(tokens).toEqual([false, true]);
    expect(sockets[1]!.url).toBe('ws://edge/ws?token=tok2');
    client.stop();
  });

  it('refreshes the token when the socket is refused twice before HELLO while online', async () => {
    const { client, sockets, tokens } = setup();
    client.start();
    await flush();
    sockets[0]!.receive(hello('sess-1'));
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(100);
    sockets[1]!.drop(); // refused at the door
    await vi.advanceTimersByTimeAsync(200);
    sockets[2]!.drop(); // again
    await vi.advanceTimersByTimeAsync(400);
    expect(tokens).toEqual([false, false, false, true]);
    client.stop();
  });

  it('stop() is final: no reconnect, and an in-flight connect is abandoned', async () => {
    const { client, sockets } = setup();
    client.start();
    client.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets).toHaveLength(0);
    client.start();
    await flush();
    sockets[0]!.receive(hello('s'));
    client.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets).toHaveLength(1);
    expect(client.status).toBe('closed');
  });

  it('gives up and reports when no token can be had', async () => {
    const client = new GatewayClient({
      getToken: () => Promise.reject(Object.assign(new Error('nope'), { status: 401 })),
      url: (t) => t,
      createSocket: () => {
        throw new Error('must not connect');
      },
    });
    const unauthorized = vi.fn();
    client.on('unauthorized', unauthorized);
    client.start();
    await flush();
    expect(unauthorized).toHaveBeenCalledOnce();
    expect(client.status).toBe('closed');
  });
});
