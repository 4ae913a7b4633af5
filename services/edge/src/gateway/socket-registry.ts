/**
 * The open sockets of this Edge: all of them, per user, and what each is subscribed to. Adding
 * and releasing a socket keeps its presence counts and its stored session (for RESUME) in step.
 */
import { CloseCodes } from '@twopointo/shared';
import type { GatewayCounters } from './counters.ts';
import type { Presence } from './presence.ts';
import type { Connection } from './connection.ts';
import type { Feeds } from './feeds.ts';
import type { SessionStore } from './session-store.ts';
import { SubscriptionIndex } from './subscriptions.ts';
import type { BackgroundTasks } from './tasks.ts';

/** how long a closing socket may take to finish the close handshake */
const CLOSE_GRACE_MS = 1000;

export class SocketRegistry {
  /** server → sockets; a server's bus feed runs while it has one here */
  readonly index: SubscriptionIndex<Connection>;
  /** every socket until it is closed or destroyed, released ones included */
  readonly all = new Set<Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly presence: Presence,
    private readonly tasks: BackgroundTasks,
    private readonly counters: GatewayCounters,
    /** this Edge's bus interest: a feed per subscribed server and per user with a socket */
    readonly feeds: Feeds,
  ) {
    this.index = new SubscriptionIndex<Connection>({
      first: (server) => feeds.acquire({ server }),
      last: (server) => feeds.release({ server }),
    });
  }

  /** users with at least one socket not yet released */
  get users(): number {
    return this.byUser.size;
  }

  /** The user's sockets not yet released. */
  ofUser(userId: string): ReadonlySet<Connection> | undefined {
    return this.byUser.get(userId);
  }

  /** A newly accepted socket: counted and online; its user's feed runs (await `feeds.ready`). */
  add(conn: Connection): void {
    this.all.add(conn);
    let mine = this.byUser.get(conn.userId);
    if (!mine) {
      this.byUser.set(conn.userId, (mine = new Set()));
      this.feeds.acquire({ user: conn.userId });
    }
    mine.add(conn);
    this.tasks.track(this.presence.connected(conn.userId));
  }

  /** The socket is gone: remember its session for RESUME, release its subscriptions and presence. */
  closed(conn: Connection): void {
    this.all.delete(conn);
    this.release(conn);
  }

  /** Stops delivery to a socket and closes it with `code` (destroyed if the client does not answer). */
  kick(conn: Connection, code: number, reason: string): void {
    if (conn.closing) return;
    if (code === CloseCodes.SLOW_CONSUMER) this.counters.slowConsumerCloses++;
    this.release(conn);
    conn.killAt = Date.now() + CLOSE_GRACE_MS;
    conn.ws.close(code, reason);
  }

  /** Destroys a socket at once (its close was not answered in time). */
  terminate(conn: Connection): void {
    conn.ws.terminate();
    this.all.delete(conn);
  }

  /** Stores what RESUME needs: the user, the subscriptions and the last `s` delivered. */
  saveSession(conn: Connection): void {
    conn.sessionSavedAt = Date.now();
    this.tasks.track(
      this.sessions.save(conn.sessionId, {
        user_id: conn.userId,
        subscriptions: conn.snapshot(),
        seq: conn.lastS,
      }),
    );
  }

  private release(conn: Connection): void {
    if (conn.closing) return;
    conn.closing = true;
    conn.pending = null;
    this.saveSession(conn);
    const servers = this.index.removeAll(conn);
    const mine = this.byUser.get(conn.userId);
    mine?.delete(conn);
    if (mine?.size === 0) {
      this.byUser.delete(conn.userId);
      this.feeds.release({ user: conn.userId });
    }
    for (const sid of servers) this.tasks.track(this.presence.left(conn.userId, sid));
    this.tasks.track(this.presence.disconnected(conn.userId));
  }
}
