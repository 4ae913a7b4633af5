/**
 * One timer for every socket: heartbeat deadlines, unanswered closes, session TTL refresh, token
 * expiry, and this Edge's presence lease.
 */
import { CloseCodes } from '@twopointo/shared';
import type { GatewayParts } from './parts.ts';

export class GatewayTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly p: Pick<GatewayParts, 'limits' | 'sockets' | 'writer' | 'presence' | 'tasks'>,
  ) {}

  start(): void {
    const tick = Math.max(10, Math.min(1000, Math.floor(this.p.limits.HEARTBEAT_INTERVAL / 4)));
    this.timer = setInterval(() => this.tick(), tick);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * A socket lives no longer than the access token it was opened with (logout-all and account
   * removal thus reach open sockets within the token's lifetime); the client reconnects with a
   * fresh token and RESUMEs, missing nothing.
   */
  private tick(): void {
    const { sockets } = this.p;
    const now = Date.now();
    this.p.tasks.track(this.p.presence.maintain(now));
    const refreshAfter = (this.p.limits.WS_SESSION_TTL * 1000) / 2;
    for (const conn of sockets.all) {
      if (conn.closing) {
        if (now >= conn.killAt) sockets.terminate(conn);
        continue;
      }
      if (conn.openingHoldUntil !== 0 && now >= conn.openingHoldUntil) this.p.writer.releaseOpening(conn);
      if (now > conn.deadline) sockets.kick(conn, CloseCodes.HEARTBEAT_TIMEOUT, 'Heartbeat timeout');
      else if (now >= conn.expiresAt) sockets.kick(conn, CloseCodes.UNAUTHORIZED, 'Token expired');
      else if (now - conn.sessionSavedAt > refreshAfter) sockets.saveSession(conn);
    }
  }
}
