/**
 * A socket's client frames: the flood limit, parsing, HEARTBEAT answered at once, and the other
 * ops (SUBSCRIBE, UNSUBSCRIBE, RESUME) run one at a time per socket, in the order they were sent.
 */
import type { RawData } from 'ws';
import { AppError, CloseCodes, type ClientFrame } from '@twopointo/shared';
import type { Connection } from './connection.ts';
import { HEARTBEAT_ACK, errorFrame, parseClientFrame } from './frames.ts';
import type { GatewayParts } from './parts.ts';
import type { ResumeOp } from './resume.ts';
import type { SubscribeOps } from './subscribe.ts';

type QueuedFrame = Exclude<ClientFrame, { op: 'HEARTBEAT' }>;

export class ClientFrames {
  constructor(
    private readonly p: Pick<GatewayParts, 'limits' | 'sockets' | 'writer' | 'tasks' | 'log'>,
    /** how long a socket may stay silent: a heartbeat moves its deadline this far ahead */
    private readonly graceMs: number,
    private readonly subscriptions: SubscribeOps,
    private readonly resumes: ResumeOp,
  ) {}

  onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.closing) return;
    const { limits, writer } = this.p;
    const now = Date.now();
    if (limits.RATE_LIMITS) {
      if (now - conn.windowStart >= 60_000) {
        conn.windowStart = now;
        conn.frames = 0;
      }
      if (++conn.frames > limits.WS_MAX_FRAMES_PER_MIN)
        return this.p.sockets.kick(conn, CloseCodes.FLOOD, 'Too many frames');
    }
    if (isBinary) return writer.send(conn, errorFrame('invalid_frame', 'Frames must be JSON text'));
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return writer.send(conn, errorFrame(parsed.code, parsed.message));
    const frame = parsed.frame;
    // a RESUME settles what the socket receives first; any other first frame ends the opening hold
    if (conn.openingHoldUntil !== 0 && frame.op !== 'RESUME') writer.releaseOpening(conn);
    if (frame.op === 'HEARTBEAT') {
      conn.deadline = now + this.graceMs;
      return writer.send(conn, HEARTBEAT_ACK);
    }
    this.enqueue(conn, frame);
  }

  /** Runs SUBSCRIBE/UNSUBSCRIBE/RESUME one at a time per socket, in the order they were sent. */
  private enqueue(conn: Connection, frame: QueuedFrame): void {
    const { writer } = this.p;
    const run = (): Promise<void> =>
      this.handle(conn, frame).catch((err: unknown) => {
        if (err instanceof AppError && err.status < 500)
          return writer.send(conn, errorFrame(err.code, err.message));
        this.p.log.warn({ err, op: frame.op }, 'gateway op failed');
        writer.send(
          conn,
          errorFrame(
            'unavailable',
            err instanceof AppError ? err.message : 'Temporarily unavailable, try again',
          ),
        );
      });
    const next: Promise<void> = conn.chain ? conn.chain.then(run) : run();
    conn.chain = next;
    this.p.tasks.track(
      next.finally(() => {
        if (conn.chain === next) conn.chain = null;
      }),
    );
  }

  private handle(conn: Connection, frame: QueuedFrame): Promise<void> {
    if (conn.closing) return Promise.resolve();
    switch (frame.op) {
      case 'SUBSCRIBE':
        return this.subscriptions.subscribe(conn, frame.d.server_id, frame.d.channel_ids);
      case 'UNSUBSCRIBE':
        return this.subscriptions.unsubscribe(conn, frame.d.server_id, frame.d.channel_ids);
      case 'RESUME':
        return this.resumes
          .resume(conn, frame.d.session_id, frame.d.seq)
          .finally(() => this.p.writer.releaseOpening(conn));
    }
  }
}
