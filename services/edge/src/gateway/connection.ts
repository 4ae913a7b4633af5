/**
 * One gateway socket's state. Kept small (a few fields, no closures or timers of its own): the
 * gateway's shared timer checks heartbeat deadlines for every socket at once.
 */
import type WebSocket from 'ws';
import type { SequencedRecord } from '@twopointo/bus';
import type { Subscriber } from './subscriptions.ts';

export class Connection implements Subscriber {
  readonly subs = new Map<string, Set<string>>();
  /** highest `s` delivered; nothing at or below it is sent again */
  lastS = 0;
  /** frames received in the current one-minute window */
  frames = 0;
  windowStart: number;
  /** ms timestamp after which a missing heartbeat closes the socket */
  deadline: number;
  /** >0 while delivery is held (RESUME replay, permission re-check); events queue in `pending` */
  holds = 0;
  pending: [SequencedRecord, Buffer][] | null = null;
  /** client ops run one after another, in the order sent */
  chain: Promise<void> | null = null;
  /** set once: no more frames are sent, subscriptions are gone */
  closing = false;
  /** when a closing socket that did not finish the close handshake is destroyed */
  killAt = 0;
  sessionSavedAt = 0;
  /** RESUME is allowed once, before anything else was subscribed */
  resumeUsed = false;
  /**
   * ms timestamp until which delivery stays held after HELLO (0: released): events addressed to
   * the user wait for the socket's first frame, so a RESUME replays them in order instead of
   * finding newer ones already sent
   */
  openingHoldUntil = 0;
  /** ms timestamp when the access token it was opened with expires (then: close 4001) */
  expiresAt = Infinity;

  constructor(
    readonly ws: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    now: number,
    heartbeatGraceMs: number,
  ) {
    this.windowStart = now;
    this.deadline = now + heartbeatGraceMs;
  }

  /** The subscriptions as a session stores them. */
  snapshot(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [sid, channels] of this.subs) out[sid] = [...channels];
    return out;
  }
}
