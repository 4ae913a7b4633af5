/**
 * A small typed client for Janus' WebSocket signalling API (subprotocol `janus-protocol`): one
 * session, plugin handles, request/answer by transaction, keepalives, and a socket that comes
 * back on its own and claims the session again, so a dropped signalling socket does not end a
 * call whose media still flows. When the session itself is gone, `lost` fires and the call
 * starts over.
 */

export interface JanusJsep {
  type: 'offer' | 'answer';
  sdp: string;
}

/** What a plugin answered (or told us unasked): its `plugindata.data` and any SDP. */
export interface PluginEvent {
  data: Record<string, unknown>;
  jsep?: JanusJsep;
}

/** The subset of the browser's WebSocket the client uses (tests pass a fake). */
export interface JanusSocket {
  readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface JanusSessionOptions {
  url: string;
  /** Janus token_auth token, sent with every request */
  token?: string;
  openSocket?: (url: string) => JanusSocket;
  keepaliveMs?: number;
  /** how long a request waits for its answer */
  timeoutMs?: number;
  /** delays before each reconnect attempt; after the last one the session counts as lost */
  retryDelaysMs?: number[];
}

export class JanusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'JanusError';
  }
}

type Json = Record<string, unknown>;

interface Pending {
  resolve: (msg: Json) => void;
  reject: (err: Error) => void;
  /** plugin requests answer `ack` first and the result later as an `event` */
  async: boolean;
  timer: ReturnType<typeof setTimeout>;
}

export type HandleListener = {
  event?: (ev: PluginEvent) => void;
  webrtcup?: () => void;
  hangup?: (reason: string) => void;
  media?: (type: string, receiving: boolean) => void;
  detached?: () => void;
};

const OPEN = 1;
const defaultOpen = (url: string): JanusSocket =>
  new WebSocket(url, 'janus-protocol') as unknown as JanusSocket;

export class JanusSession {
  id: number | null = null;
  private socket: JanusSocket | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly handles = new Map<number, HandleListener>();
  private keepalive: ReturnType<typeof setInterval> | null = null;
  private seq = 0;
  private closed = false;
  private reconnecting = false;
  private readonly lostListeners = new Set<(why: string) => void>();
  private readonly stateListeners = new Set<(s: 'connected' | 'reconnecting') => void>();

  constructor(private readonly opts: JanusSessionOptions) {}

  /** Opens the socket and creates the session. */
  async connect(): Promise<void> {
    await this.open();
    const res = await this.request({ janus: 'create' });
    this.id = Number((res.data as Json).id);
    this.startKeepalive();
  }

  /** New credentials (before the old ones expire): later requests and reconnects use them. */
  update(next: { url?: string; token?: string }): void {
    if (next.url) this.opts.url = next.url;
    if (next.token) this.opts.token = next.token;
  }

  onLost(cb: (why: string) => void): () => void {
    this.lostListeners.add(cb);
    return () => this.lostListeners.delete(cb);
  }

  onState(cb: (s: 'connected' | 'reconnecting') => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  /** Attaches a plugin (`janus.plugin.videoroom`); events for the handle go to `listener`. */
  async attach(plugin: string, listener: HandleListener): Promise<JanusHandle> {
    const res = await this.request({ janus: 'attach', plugin, session_id: this.id });
    const id = Number((res.data as Json).id);
    this.handles.set(id, listener);
    return new JanusHandle(this, id);
  }

  /** Ends the session on the server (best effort) and closes the socket for good. */
  destroy(): void {
    if (this.closed) return;
    if (this.id !== null && this.socket?.readyState === OPEN)
      this.send({ janus: 'destroy', session_id: this.id });
    this.shutdown('destroyed');
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** @internal a request to the session or one of its handles */
  request(body: Json, async = false): Promise<Json> {
    if (this.closed) return Promise.reject(new JanusError(0, 'the voice session is closed'));
    const transaction = `t${++this.seq}`;
    return new Promise<Json>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new JanusError(0, `the media server did not answer ${String(body.janus)}`));
      }, this.opts.timeoutMs ?? 15_000);
      this.pending.set(transaction, { resolve, reject, async, timer });
      this.send({ ...body, transaction });
    });
  }

  /** @internal */
  forget(handleId: number): void {
    this.handles.delete(handleId);
  }

  private send(body: Json): void {
    const msg = this.opts.token ? { ...body, token: this.opts.token } : body;
    // while reconnecting, a request waits for its timeout (and the call retries)
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(msg));
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = (this.opts.openSocket ?? defaultOpen)(this.opts.url);
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        resolve();
      };
      socket.onerror = () => undefined;
      socket.onclose = () => {
        if (!opened) reject(new JanusError(0, 'could not reach the media server'));
        else if (this.socket === socket) this.dropped();
      };
      socket.onmessage = (ev) => this.receive(ev.data);
    });
  }

  private startKeepalive(): void {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = setInterval(() => {
      if (this.id !== null && !this.reconnecting)
        this.request({ janus: 'keepalive', session_id: this.id }).catch(() => undefined);
    }, this.opts.keepaliveMs ?? 25_000);
  }

  /** The socket went away under a live session: reconnect and claim it again. */
  private dropped(): void {
    if (this.closed || this.reconnecting) return;
    this.reconnecting = true;
    for (const l of this.stateListeners) l('reconnecting');
    void this.reclaim();
  }

  private async reclaim(): Promise<void> {
    const delays = this.opts.retryDelaysMs ?? [250, 1000, 2000, 4000, 8000, 15000];
    for (const delay of delays) {
      await new Promise((r) => setTimeout(r, delay));
      if (this.closed) return;
      try {
        await this.open();
        this.reconnecting = false;
        await this.request({ janus: 'claim', session_id: this.id });
        for (const l of this.stateListeners) l('connected');
        return;
      } catch (err) {
        this.reconnecting = true;
        // the server answered and no longer knows the session: no point in trying again
        if (err instanceof JanusError && err.code !== 0) break;
        this.socket?.close();
      }
    }
    this.shutdown('the voice session was lost');
  }

  private shutdown(why: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepalive) clearInterval(this.keepalive);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new JanusError(0, why));
    }
    this.pending.clear();
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    if (why !== 'destroyed') for (const l of this.lostListeners) l(why);
  }

  private receive(raw: unknown): void {
    let msg: Json;
    try {
      msg = JSON.parse(String(raw)) as Json;
    } catch {
      return;
    }
    const kind = msg.janus;
    const tx = typeof msg.transaction === 'string' ? msg.transaction : undefined;
    const waiting = tx ? this.pending.get(tx) : undefined;
    if (kind === 'ack' && waiting?.async) return;
    if (waiting && (kind === 'success' || kind === 'ack' || kind === 'error' || kind === 'event')) {
      this.pending.delete(tx!);
      clearTimeout(waiting.timer);
      const error = errorOf(msg);
      if (error) waiting.reject(error);
      else waiting.resolve(msg);
      return;
    }
    if (kind === 'timeout') {
      this.shutdown('the voice session timed out');
      return;
    }
    const handleId = Number(msg.sender);
    const listener = this.handles.get(handleId);
    if (!listener) return;
    if (kind === 'event') {
      const plugindata = msg.plugindata as { data?: Json } | undefined;
      listener.event?.({ data: plugindata?.data ?? {}, jsep: msg.jsep as JanusJsep | undefined });
    } else if (kind === 'webrtcup') listener.webrtcup?.();
    else if (kind === 'hangup') listener.hangup?.(String(msg.reason ?? ''));
    else if (kind === 'media') listener.media?.(String(msg.type), msg.receiving === true);
    else if (kind === 'detached') {
      this.handles.delete(handleId);
      listener.detached?.();
    }
  }
}

/** A Janus error, from the core (`error`) or from the plugin (`error_code` in its data). */
function errorOf(msg: Json): JanusError | null {
  if (msg.janus === 'error') {
    const e = (msg.error ?? {}) as { code?: number; reason?: string };
    return new JanusError(e.code ?? -1, e.reason ?? 'media server error');
  }
  const data = (msg.plugindata as { data?: Json } | undefined)?.data;
  if (data && typeof data.error_code === 'number')
    return new JanusError(data.error_code, String(data.error ?? 'media server error'));
  return null;
}

/** One attached plugin handle. */
export class JanusHandle {
  constructor(
    private readonly session: JanusSession,
    readonly id: number,
  ) {}

  /** A plugin request answered at once (VideoRoom `create`, `exists`, `listparticipants`…). */
  async sync(body: Json): Promise<Json> {
    const res = await this.session.request(this.wrap({ janus: 'message', body }));
    return ((res.plugindata as { data?: Json } | undefined)?.data ?? {}) as Json;
  }

  /** A plugin request answered by an event (`join`, `configure`, `start`…), with its SDP. */
  async send(body: Json, jsep?: JanusJsep): Promise<PluginEvent> {
    const res = await this.session.request(
      this.wrap({ janus: 'message', body, ...(jsep ? { jsep } : {}) }),
      true,
    );
    return {
      data: ((res.plugindata as { data?: Json } | undefined)?.data ?? {}) as Json,
      jsep: res.jsep as JanusJsep | undefined,
    };
  }

  /** Trickles one ICE candidate (or the end of them, with null). */
  trickle(candidate: RTCIceCandidateInit | null): void {
    const c = candidate ?? { completed: true };
    this.session.request(this.wrap({ janus: 'trickle', candidate: c })).catch(() => undefined);
  }

  /** Detaches the handle (best effort; a lost session has no handles anyway). */
  detach(): void {
    this.session.forget(this.id);
    if (!this.session.isClosed) this.session.request(this.wrap({ janus: 'detach' })).catch(() => undefined);
  }

  private wrap(body: Json): Json {
    return { ...body, session_id: this.session.id, handle_id: this.id };
  }
}
