/**
 * Writing to gateway sockets: control frames sent at once, event frames corked so that one turn
 * of the event loop leaves in one writev, and holds that queue a socket's events while its
 * subscriptions are being settled (RESUME replay, permission re-check).
 */
import type { Socket } from 'node:net';
import { CloseCodes } from '@twopointo/shared';
import type { Connection } from './connection.ts';
import type { SocketRegistry } from './socket-registry.ts';
import { reaches } from './subscriptions.ts';
import type { GatewayCounters } from './counters.ts';

const TEXT = { binary: false } as const;

export class SocketWriter {
  /** sockets corked during this turn of the event loop (see write) */
  private readonly corked = new Set<Connection>();

  constructor(
    private readonly sockets: SocketRegistry,
    /** a socket whose send buffer passes this is dropped as a slow consumer */
    private readonly maxBufferedBytes: number,
    private readonly counters: GatewayCounters,
  ) {}

  /** A control frame (HELLO, answers, errors), sent at once. */
  send(conn: Connection, frame: string): void {
    if (conn.closing) return;
    conn.ws.send(frame);
  }

  /** An event frame, uncorked: a replay watches the send buffer after each one. */
  sendNow(conn: Connection, frame: Buffer): void {
    if (conn.closing) return;
    conn.ws.send(frame, TEXT);
  }

  /**
   * Frames written to a socket in one turn of the event loop (a relay batch, several bus
   * messages from one read) leave in one writev: the socket is corked on its first frame and
   * uncorked once, after I/O callbacks. The per-write syscall is what limits fan-out.
   */
  write(conn: Connection, frame: Buffer): void {
    if (conn.closing) return;
    if (!this.corked.has(conn)) {
      socketOf(conn)?.cork();
      this.corked.add(conn);
      if (this.corked.size === 1) setImmediate(this.uncorkAll);
    }
    conn.ws.send(frame, TEXT);
  }

  private readonly uncorkAll = (): void => {
    const limit = this.maxBufferedBytes;
    for (const conn of this.corked) {
      socketOf(conn)?.uncork();
      if (!conn.closing && conn.ws.bufferedAmount > limit)
        this.sockets.kick(conn, CloseCodes.SLOW_CONSUMER, 'Slow consumer');
    }
    this.corked.clear();
  };

  /** Starts queueing the socket's durable events in `pending` (holds nest). */
  hold(conn: Connection): void {
    if (conn.holds++ === 0) conn.pending = [];
  }

  /** Holds delivery from HELLO until the first frame (or `ms`): see Connection.openingHoldUntil. */
  holdOpening(conn: Connection, until: number): void {
    this.hold(conn);
    conn.openingHoldUntil = until;
  }

  /** Ends the opening hold, if still on. */
  releaseOpening(conn: Connection): void {
    if (conn.openingHoldUntil === 0) return;
    conn.openingHoldUntil = 0;
    this.unhold(conn);
  }

  /** Ends a hold; the last one flushes what queued meanwhile, still filtered by `s` and subscriptions. */
  unhold(conn: Connection): void {
    if (--conn.holds > 0) return;
    const queued = conn.pending;
    conn.pending = null;
    if (!queued || conn.closing) return;
    for (const [r, frame] of queued) {
      if (r.s <= conn.lastS) continue;
      if (!reaches(conn, r)) continue;
      conn.lastS = r.s;
      this.counters.deliveries++;
      this.write(conn, frame);
    }
  }
}

/** The socket under a ws connection (not in ws's public API, but stable across its releases). */
function socketOf(conn: Connection): Socket | undefined {
  return (conn.ws as unknown as { _socket?: Socket })._socket;
}
