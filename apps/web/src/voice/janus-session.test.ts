import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JanusError, JanusSession, type JanusSocket } from './janus-session.ts';

/** A Janus that answers like the real one, enough for the session's protocol. */
class FakeJanus {
  sockets: FakeSocket[] = [];
  sent: Record<string, unknown>[] = [];
  sessions = new Set<number>([]);
  /** what to answer per request; default: success */
  reply: (msg: Record<string, unknown>) => Record<string, unknown>[] | null = (msg) => {
    if (msg.janus === 'create') {
      this.sessions.add(77);
      return [{ janus: 'success', data: { id: 77 } }];
    }
    if (msg.janus === 'attach') return [{ janus: 'success', data: { id: 5 } }];
    if (msg.janus === 'claim')
      return this.sessions.has(Number(msg.session_id))
        ? [{ janus: 'success' }]
        : [{ janus: 'error', error: { code: 458, reason: 'No such session' } }];
    if (msg.janus === 'keepalive' || msg.janus === 'trickle') return [{ janus: 'ack' }];
    return [{ janus: 'success' }];
  };
  open = (url: string): JanusSocket => {
    const s = new FakeSocket(this, url);
    this.sockets.push(s);
    return s;
  };
}

class FakeSocket implements JanusSocket {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(
    private readonly janus: FakeJanus,
    readonly url: string,
  ) {
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(data: string): void {
    const msg = JSON.parse(data) as Record<string, unknown>;
    this.janus.sent.push(msg);
    for (const r of this.janus.reply(msg) ?? []) this.push({ ...r, transaction: msg.transaction });
  }
  push(msg: Record<string, unknown>): void {
    queueMicrotask(() => this.onmessage?.({ data: JSON.stringify(msg) }));
  }
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({});
  }
}

let janus: FakeJanus;
beforeEach(() => {
  janus = new FakeJanus();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('JanusSession', () => {
  it('creates a session and attaches with the token on every request', async () => {
    const s = new JanusSession({ url: 'ws://x/voice', token: 'tok', openSocket: janus.open });
    await s.connect();
    expect(s.id).toBe(77);
    const h = await s.attach('janus.plugin.videoroom', {});
    expect(h.id).toBe(5);
    expect(janus.sent.map((m) => [m.janus, m.token])).toEqual([
      ['create', 'tok'],
      ['attach', 'tok'],
    ]);
    expect(janus.sent[1]).toMatchObject({ plugin: 'janus.plugin.videoroom', session_id: 77 });
    s.destroy();
    expect(janus.sent.at(-1)).toMatchObject({ janus: 'destroy', session_id: 77 });
  });

  it('waits past the ack for the event of an asynchronous plugin request, with its SDP', async () => {
    janus.reply = (msg) => {
      if (msg.janus === 'create') return [{ janus: 'success', data: { id: 77 } }];
      if (msg.janus === 'attach') return [{ janus: 'success', data: { id: 5 } }];
      return [
        { janus: 'ack' },
        {
          janus: 'event',
          sender: 5,
          plugindata: { plugin: 'janus.plugin.videoroom', data: { videoroom: 'joined', id: 9 } },
          jsep: { type: 'answer', sdp: 'v=0' },
        },
      ];
    };
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open });
    await s.connect();
    const h = await s.attach('janus.plugin.videoroom', {});
    const res = await h.send({ request: 'join' }, { type: 'offer', sdp: 'o' });
    expect(res.data).toEqual({ videoroom: 'joined', id: 9 });
    expect(res.jsep).toEqual({ type: 'answer', sdp: 'v=0' });
    expect(janus.sent.at(-1)).toMatchObject({
      janus: 'message',
      handle_id: 5,
      body: { request: 'join' },
      jsep: { type: 'offer' },
    });
  });

  it('turns core and plugin errors into JanusError', async () => {
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open });
    await s.connect();
    const h = await s.attach('janus.plugin.videoroom', {});
    janus.reply = () => [
      {
        janus: 'success',
        plugindata: { data: { videoroom: 'event', error_code: 426, error: 'No such room' } },
      },
    ];
    await expect(h.sync({ request: 'exists' })).rejects.toEqual(new JanusError(426, 'No such room'));
    janus.reply = () => [{ janus: 'error', error: { code: 403, reason: 'Unauthorized request' } }];
    await expect(h.sync({ request: 'exists' })).rejects.toMatchObject({ code: 403 });
  });

  it('routes unsolicited events to the handle', async () => {
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open });
    await s.connect();
    const event = vi.fn();
    const hangup = vi.fn();
    await s.attach('janus.plugin.videoroom', { event, hangup });
    const sock = janus.sockets[0]!;
    sock.push({ janus: 'event', sender: 5, plugindata: { data: { videoroom: 'event', unpublished: 3 } } });
    sock.push({ janus: 'hangup', sender: 5, reason: 'ICE failed' });
    sock.push({ janus: 'event', sender: 99, plugindata: { data: {} } });
    sock.push({ nonsense: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(event).toHaveBeenCalledWith({ data: { videoroom: 'event', unpublished: 3 }, jsep: undefined });
    expect(hangup).toHaveBeenCalledWith('ICE failed');
  });

  it('sends a keepalive every interval', async () => {
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open, keepaliveMs: 20 });
    await s.connect();
    await new Promise((r) => setTimeout(r, 70));
    expect(janus.sent.filter((m) => m.janus === 'keepalive').length).toBeGreaterThanOrEqual(2);
    s.destroy();
  });

  it('a dropped socket reconnects and claims the session; the handles keep working', async () => {
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open, retryDelaysMs: [5, 5] });
    const states: string[] = [];
    s.onState((st) => states.push(st));
    const lost = vi.fn();
    s.onLost(lost);
    await s.connect();
    const h = await s.attach('janus.plugin.videoroom', {});
    janus.sockets[0]!.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(janus.sockets).toHaveLength(2);
    expect(janus.sent.find((m) => m.janus === 'claim')).toMatchObject({ session_id: 77 });
    expect(states).toEqual(['reconnecting', 'connected']);
    await h.sync({ request: 'exists' });
    expect(lost).not.toHaveBeenCalled();
  });

  it('reports the session lost when the server no longer knows it', async () => {
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open, retryDelaysMs: [5, 5, 5] });
    const lost = vi.fn();
    s.onLost(lost);
    await s.connect();
    janus.sessions.clear();
    janus.sockets[0]!.close();
    await new Promise((r) => setTimeout(r, 40));
    expect(lost).toHaveBeenCalledTimes(1);
    // one claim was enough to know
    expect(janus.sent.filter((m) => m.janus === 'claim')).toHaveLength(1);
    await expect(s.attach('janus.plugin.videoroom', {})).rejects.toBeInstanceOf(JanusError);
  });

  it('a session timeout from the server ends the session', async () => {
    const s = new JanusSession({ url: 'ws://x', openSocket: janus.open });
    const lost = vi.fn();
    s.onLost(lost);
    await s.connect();
    janus.sockets[0]!.push({ janus: 'timeout', session_id: 77 });
    await new Promise((r) => setTimeout(r, 0));
    expect(lost).toHaveBeenCalledWith('the voice session timed out');
  });

  it('fails to connect when the socket never opens', async () => {
    const s = new JanusSession({
      url: 'ws://x',
      openSocket: () => {
        const sock: JanusSocket = {
          readyState: 0,
          send: () => undefined,
          close: () => undefined,
          onopen: null,
          onclose: null,
          onmessage: null,
          onerror: null,
        };
        queueMicrotask(() => sock.onclose?.({}));
        return sock;
      },
    });
    await expect(s.connect()).rejects.toThrow('could not reach the media server');
  });
});
