/**
 * The gateway connection as a small state machine, independent of React so it can be tested
 * with a fake socket: HELLO → heartbeats carrying the last `s`, SUBSCRIBE for every wanted
 * server, and on a dropped connection exponential backoff then RESUME (replayed events, then
 * RESUMED); INVALID_SESSION or a lost session means the caller must refetch.
 */
import type { ClientFrame, DurableEventFrame, EphemeralEventFrame, ServerFrame } from '@twopointo/shared';
import { CloseCodes } from '@twopointo/shared';

export type GatewayEvent = DurableEventFrame | EphemeralEventFrame;
export type GatewayStatus = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closed';

/** The part of the browser WebSocket the client uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface GatewayOptions {
  /** a valid access token; `force` after the gateway refused the last one */
  getToken: (force: boolean) => Promise<string>;
  url: (token: string) => string;
  createSocket?: (url: string) => SocketLike;
  /** 0..1, for backoff jitter */
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** whether the browser thinks it is online (a refused upgrade looks like any other failure) */
  isOnline?: () => boolean;
}

export interface GatewayStats {
  connects: number;
  resumes: number;
  invalidSessions: number;
  lastReplayed: number;
}

type Handlers = {
  status: (status: GatewayStatus) => void;
  event: (event: GatewayEvent) => void;
  /** events may have been missed: refetch everything */
  invalidated: () => void;
  /** the client gave up (token refused for good) */
  unauthorized: () => void;
};

const OPEN = 1;
const CONNECTING = 0;

export class GatewayClient {
  status: GatewayStatus = 'idle';
  sessionId: string | null = null;
  lastSeq: number | null = null;
  readonly stats: GatewayStats = { connects: 0, resumes: 0, invalidSessions: 0, lastReplayed: 0 };

  private socket: SocketLike | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private awaitingAck = false;
  private attempt = 0;
  private forceToken = false;
  private everReady = false;
  private gotHello = false;
  private failedBeforeHello = 0;
  private helloSessionId: string | null = null;
  /** bumped by stop(), so a connect() still awaiting its token knows it is obsolete */
  private generation = 0;
  private readonly subscriptions = new Map<string, string[]>();
  private readonly handlers: { [K in keyof Handlers]: Set<Handlers[K]> } = {
    status: new Set(),
    event: new Set(),
    invalidated: new Set(),
    unauthorized: new Set(),
  };

  constructor(private readonly opts: GatewayOptions) {}

  on<K extends keyof Handlers>(kind: K, handler: Handlers[K]): () => void {
    this.handlers[kind].add(handler);
    return () => this.handlers[kind].delete(handler);
  }

  private emit<K extends keyof Handlers>(kind: K, ...args: Parameters<Handlers[K]>): void {
    for (const h of this.handlers[kind]) (h as (...a: Parameters<Handlers[K]>) => void)(...args);
  }

  private setStatus(status: GatewayStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }

  start(): void {
    if (this.status !== 'idle' && this.status !== 'closed') return;
    void this.connect();
  }

  stop(): void {
    this.generation++;
    this.setStatus('closed');
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s && (s.readyState === OPEN || s.readyState === CONNECTING)) s.close(1000, 'bye');
  }

  /** Wants the events of a server's channels, now and after every reconnect. */
  subscribe(serverId: string, channelIds: string[]): void {
    const prev = this.subscriptions.get(serverId);
    if (prev && prev.length === channelIds.length && prev.every((c, i) => c === channelIds[i])) return;
    this.subscriptions.set(serverId, [...channelIds]);
    if (this.status === 'ready')
      this.send({ op: 'SUBSCRIBE', d: { server_id: serverId, channel_ids: channelIds } });
  }

  unsubscribe(serverId: string): void {
    if (!this.subscriptions.delete(serverId)) return;
    if (this.status === 'ready') this.send({ op: 'UNSUBSCRIBE', d: { server_id: serverId } });
  }

  /** The browser went offline: drop the socket now instead of waiting for heartbeats to fail. */
  handleOffline(): void {
    if (this.socket) this.socket.close(4000, 'offline');
  }

  /** The browser is back online: skip the rest of the backoff. */
  handleOnline(): void {
    if (this.status !== 'reconnecting' || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  private send(frame: ClientFrame): void {
    if (this.socket && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(frame));
  }

  private async connect(): Promise<void> {
    const generation = this.generation;
    this.setStatus(this.everReady ? 'reconnecting' : 'connecting');
    let token: string;
    try {
      token = await this.opts.getToken(this.forceToken);
    } catch (err) {
      if (generation !== this.generation) return;
      if (isUnauthorized(err)) {
        this.stop();
        this.emit('unauthorized');
        return;
      }
      this.scheduleReconnect();
      return;
    }
    if (generation !== this.generation) return;
    this.forceToken = false;
    const create = this.opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const socket = create(this.opts.url(token));
    this.socket = socket;
    this.gotHello = false;
    this.stats.connects++;
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.onFrame(ev.data);
    };
    socket.onclose = (ev) => {
      if (this.socket === socket) this.onClose(ev.code);
    };
    socket.onerror = () => undefined; // a close event always follows
  }

  private onFrame(raw: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(raw)) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.op) {
      case 'HELLO':
        this.gotHello = true;
        this.failedBeforeHello = 0;
        this.helloSessionId = frame.d.session_id;
        this.startHeartbeat(frame.d.heartbeat_interval);
        if (this.sessionId && this.everReady) {
          this.send({ op: 'RESUME', d: { session_id: this.sessionId, seq: this.lastSeq ?? 0 } });
        } else {
          this.sessionId = frame.d.session_id;
          this.becomeReady();
        }
        return;
      case 'RESUMED':
        // the Edge moved the old session's subscriptions onto this connection's session
        this.sessionId = this.helloSessionId;
        this.stats.resumes++;
        this.stats.lastReplayed = frame.d?.replayed ?? 0;
        // subscriptions may have changed while we were away; SUBSCRIBE is idempotent
        this.becomeReady();
        return;
      case 'INVALID_SESSION':
        this.stats.invalidSessions++;
        this.sessionId = this.helloSessionId;
        this.lastSeq = null;
        this.becomeReady();
        this.emit('invalidated');
        return;
      case 'HEARTBEAT_ACK':
        this.awaitingAck = false;
        return;
      case 'EVENT':
        if ('s' in frame && typeof frame.s === 'number') {
          this.lastSeq = this.lastSeq === null ? frame.s : Math.max(this.lastSeq, frame.s);
        }
        this.emit('event', frame);
        return;
      default:
        return;
    }
  }

  private becomeReady(): void {
    this.attempt = 0;
    this.everReady = true;
    this.setStatus('ready');
    for (const [serverId, channelIds] of this.subscriptions) {
      this.send({ op: 'SUBSCRIBE', d: { server_id: serverId, channel_ids: channelIds } });
    }
  }

  private startHeartbeat(intervalMs: number): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.awaitingAck = false;
    this.heartbeat = setInterval(() => {
      if (this.awaitingAck) {
        // no ACK for a whole interval: the connection is a zombie
        this.socket?.close(4000, 'heartbeat timeout');
        return;
      }
      this.awaitingAck = true;
      this.send({ op: 'HEARTBEAT', d: { seq: this.lastSeq } });
    }, intervalMs);
  }

  private onClose(code: number): void {
    this.socket = null;
    this.clearTimers();
    if (this.status === 'closed') return;
    if (code === CloseCodes.UNAUTHORIZED) this.forceToken = true;
    // refused twice at the door while online: most likely the token, which the browser cannot tell us
    if (!this.gotHello && (this.opts.isOnline ?? defaultOnline)() && ++this.failedBeforeHello >= 2) {
      this.forceToken = true;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.setStatus(this.everReady ? 'reconnecting' : 'connecting');
    const base = this.opts.baseDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 15_000;
    const exp = Math.min(max, base * 2 ** this.attempt);
    const delay = Math.round(exp / 2 + (exp / 2) * (this.opts.random ?? Math.random)());
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.heartbeat = null;
    this.retryTimer = null;
  }

  /** The backoff delay bounds for attempt n, for tests and docs. */
  static backoffRange(attempt: number, base = 500, max = 15_000): [number, number] {
    const exp = Math.min(max, base * 2 ** attempt);
    return [exp / 2, exp];
  }
}

function defaultOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

function isUnauthorized(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && 'status' in err && (err as { status: unknown }).status === 401
  );
}
