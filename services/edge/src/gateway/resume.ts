/**
 * The RESUME op: picks up a dropped session (from this Edge or another), re-checks its
 * subscriptions, starts their feeds (live, held), then sends what it missed from the stream in
 * order — one filtered read per feed — then whatever arrived live meanwhile (held, de-duplicated
 * by `s`), then RESUMED.
 */
import type { Feed, SequencedRecord } from '@twopointo/bus';
import { CloseCodes } from '@twopointo/shared';
import type { Connection } from './connection.ts';
import { INVALID_SESSION, durableFrame, encode, errorFrame } from './frames.ts';
import type { GatewayParts } from './parts.ts';
import { reaches } from './subscriptions.ts';

/** above this many feeds a RESUME reads the stream once instead of once per feed */
const MAX_FILTERED_READS = 32;

export class ResumeOp {
  constructor(
    private readonly p: Pick<
      GatewayParts,
      | 'limits'
      | 'bus'
      | 'feeds'
      | 'access'
      | 'sockets'
      | 'writer'
      | 'sessions'
      | 'presence'
      | 'tasks'
      | 'counters'
    >,
  ) {}

  async resume(conn: Connection, sessionId: string, seq: number): Promise<void> {
    const { sockets, writer, presence, tasks } = this.p;
    if (conn.resumeUsed)
      return writer.send(conn, errorFrame('invalid_frame', 'RESUME must come before any SUBSCRIBE, once'));
    conn.resumeUsed = true;
    const session = sessionId === conn.sessionId ? null : await this.p.sessions.get(sessionId);
    if (conn.closing) return;
    if (!session || session.user_id !== conn.userId) {
      this.p.counters.resumesInvalid++;
      return writer.send(conn, INVALID_SESSION);
    }

    writer.hold(conn);
    // the session's feeds are live before Official is asked (see subscribe.ts)
    const entries = Object.entries(session.subscriptions);
    const held: Feed[] = entries.map(([server]) => ({ server }));
    for (const f of held) this.p.feeds.acquire(f);
    let replayed = 0;
    try {
      await Promise.all(held.map((f) => this.p.feeds.ready(f)));
      if (conn.closing) return;
      const answers = await Promise.all(
        entries.map(([sid, cids]) => this.p.access.check(conn.userId, sid, cids)),
      );
      if (conn.closing) return;
      const joined: string[] = [];
      entries.forEach(([sid, cids], i) => {
        const a = answers[i]!;
        if (!a.member) return;
        const wanted = new Set(cids);
        if (sockets.index.addServer(conn, sid)) joined.push(sid);
        sockets.index.addChannels(
          conn,
          sid,
          a.channel_ids.filter((c) => wanted.has(c)),
        );
      });
      // the feeds were live (their events held) before the replay is read, so nothing falls between
      const feeds: Feed[] = [{ user: conn.userId }, ...[...conn.subs.keys()].map((server) => ({ server }))];
      await this.p.feeds.ready({ user: conn.userId });
      if (conn.closing) return;
      const records = await this.missed(seq, feeds);
      if (conn.closing) return;
      if (records === null) {
        for (const sid of joined) sockets.index.removeServer(conn, sid);
        conn.pending = [];
        this.p.counters.resumesInvalid++;
        writer.send(conn, INVALID_SESSION);
        sockets.saveSession(conn);
        return;
      }
      for (const sid of joined) tasks.track(presence.joined(conn.userId, sid));
      conn.lastS = Math.max(conn.lastS, seq);
      for (const r of records) {
        if (r.s <= conn.lastS) continue;
        conn.lastS = r.s;
        if (!reaches(conn, r)) continue;
        writer.sendNow(conn, Buffer.from(durableFrame(r)));
        replayed++;
        this.p.counters.deliveries++;
        if (conn.ws.bufferedAmount > this.p.limits.WS_MAX_BUFFERED_BYTES) await this.drain(conn);
        if (conn.closing) return;
      }
    } finally {
      for (const f of held) this.p.feeds.release(f);
      writer.unhold(conn);
    }
    if (conn.closing) return;
    this.p.counters.resumesOk++;
    writer.send(conn, encode({ op: 'RESUMED', d: { replayed } }));
    sockets.saveSession(conn);
    tasks.track(this.p.sessions.delete(sessionId));
  }

  /**
   * The stored events of these feeds after seq, in order: one filtered read per feed, or, for a
   * session with many servers, one read of the whole stream (filtered here by `reaches`).
   */
  private async missed(seq: number, feeds: Feed[]): Promise<SequencedRecord[] | null> {
    if (feeds.length > MAX_FILTERED_READS) return this.p.bus.replay(seq);
    const parts = await Promise.all(feeds.map((f) => this.p.bus.replay(seq, f)));
    if (parts.some((part) => part === null)) return null;
    const all = (parts as SequencedRecord[][]).flat();
    return parts.length > 1 ? all.sort((a, b) => a.s - b.s) : all;
  }

  /** Waits (bounded) for a replaying socket to take what it was sent. */
  private async drain(conn: Connection): Promise<void> {
    const until = Date.now() + 10_000;
    while (!conn.closing && conn.ws.bufferedAmount > this.p.limits.WS_MAX_BUFFERED_BYTES / 2) {
      if (Date.now() > until) return this.p.sockets.kick(conn, CloseCodes.SLOW_CONSUMER, 'Slow consumer');
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
