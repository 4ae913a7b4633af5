/**
 * One WebSocket to Janus' API (subprotocol `janus-protocol`): requests carry a transaction and
 * are answered by the first reply with it that is not an `ack` (a keepalive's `ack` is its answer).
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

export const JANUS_SUBPROTOCOL = 'janus-protocol';

/** A Janus core or plugin error, with Janus' numeric code (e.g. 426 no such room). */
export class JanusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`janus ${code}: ${message}`);
    this.name = 'JanusError';
  }
}

export type JanusMessage = Record<string, unknown> & { janus: string; transaction?: string };

interface Pending {
  resolve: (m: JanusMessage) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  ackIsAnswer: boolean;
}

export class JanusConnection {
  private readonly pending = new Map<string, Pending>();
  private closedError: Error | null = null;
  /** called once when the socket closes (not after close()) */
  onClose: (() => void) | null = null;
  /** told every message that answers no request (plugin events, `hangup`, `detached`, …) */
  onEvent: ((m: JanusMessage) => void) | null = null;

  private constructor(
    private readonly ws: WebSocket,
    private readonly timeoutMs: number,
  ) {
    ws.on('message', (data) => this.received(String(data)));
    ws.on('close', () => this.closed(new Error('janus connection closed')));
    ws.on('error', () => undefined);
  }

  /** Opens a connection (rejects when Janus does not accept one within `timeoutMs`). */
  static open(url: string, timeoutMs = 5000): Promise<JanusConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, JANUS_SUBPROTOCOL, { handshakeTimeout: timeoutMs });
      ws.once('open', () => resolve(new JanusConnection(ws, timeoutMs)));
      ws.once('error', (err) => reject(err));
    });
  }

  get open(): boolean {
    return this.closedError === null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends `msg` with a fresh transaction; resolves with its answer, rejects on `janus: error`. */
  request(msg: Record<string, unknown> & { janus: string }): Promise<JanusMessage> {
    if (this.closedError) return Promise.reject(this.closedError);
    const transaction = randomBytes(9).toString('base64url');
    return new Promise<JanusMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new Error(`janus ${msg.janus} timed out`));
      }, this.timeoutMs);
      this.pending.set(transaction, { resolve, reject, timer, ackIsAnswer: msg.janus === 'keepalive' });
      this.ws.send(JSON.stringify({ ...msg, transaction }));
    }).then((reply) => {
      if (reply.janus === 'error') {
        const e = reply.error as { code?: number; reason?: string } | undefined;
        throw new JanusError(e?.code ?? 0, e?.reason ?? 'error');
      }
      return reply;
    });
  }

  close(): void {
    this.onClose = null;
    this.closed(new Error('janus connection closed'));
    this.ws.close();
  }

  private received(text: string): void {
    let msg: JanusMessage;
    try {
      msg = JSON.parse(text) as JanusMessage;
    } catch {
      return;
    }
    const p = msg.transaction === undefined ? undefined : this.pending.get(msg.transaction);
    if (!p) {
      if (msg.janus !== 'ack') this.onEvent?.(msg);
      return;
    }
    if (msg.janus === 'ack' && !p.ackIsAnswer) return;
    this.pending.delete(msg.transaction!);
    clearTimeout(p.timer);
    p.resolve(msg);
  }

  private closed(err: Error): void {
    if (this.closedError) return;
    this.closedError = err;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
    const cb = this.onClose;
    this.onClose = null;
    cb?.();
  }
}
