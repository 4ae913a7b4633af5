/**
 * This Edge's interest on the bus: a feed per server that has a subscribed socket here and per
 * user who has a socket here, so the Edge receives those events and no others. The subscription
 * index starts a server's feed with its first socket and stops it with its last; the socket
 * registry does the same for users. Stopping is immediate; a socket that needs a feed waits for
 * `ready` (the bus has the interest) while its delivery is held, and what the feed missed before
 * that is read from the stream (RESUME) — never from the live feed, so nothing arrives twice.
 */
import {
  feedKey,
  type BusSubscription,
  type EventBus,
  type Feed,
  type SequencedRecord,
} from '@twopointo/bus';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessChecker } from './access-client.ts';

/** how long a socket waits for a feed's interest before going on (a catch-up follows a NATS outage) */
const READY_WAIT_MS = 3000;

export class Feeds {
  private readonly live = new Map<string, BusSubscription>();
  private closed = false;

  constructor(
    private readonly bus: EventBus,
    private readonly onRecord: (r: SequencedRecord) => void,
    private readonly access: AccessChecker,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  /** feeds running now */
  get size(): number {
    return this.live.size;
  }

  has(feed: Feed): boolean {
    return this.live.has(feedKey(feed));
  }

  /** Starts receiving a feed (a no-op while it runs). */
  start(feed: Feed): void {
    if (this.closed) return;
    const key = feedKey(feed);
    if (this.live.has(key)) return;
    const sub = this.bus.subscribeFeed(feed, this.onRecord);
    this.live.set(key, sub);
    // events of the server went by unseen while it had no feed here: cached answers may be stale
    if (feed.server !== undefined) {
      const sid = feed.server;
      void sub.ready?.then(
        () => this.access.invalidate?.(sid),
        () => undefined,
      );
    }
  }

  /** Stops receiving a feed; what it would have carried is in the stream for a later RESUME. */
  stop(feed: Feed): void {
    const key = feedKey(feed);
    const sub = this.live.get(key);
    if (!sub) return;
    this.live.delete(key);
    sub.unsubscribe();
    if (feed.server !== undefined) this.access.invalidate?.(feed.server);
  }

  /**
   * Resolves once the feed's live events reach this Edge (at once when it was running already),
   * or after a bounded wait when the bus does not answer (its reconnect catches the feed up).
   */
  async ready(feed: Feed): Promise<void> {
    const ready = this.live.get(feedKey(feed))?.ready;
    if (ready === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ready,
        new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            this.log.warn({ feed }, 'bus feed not ready in time; going on');
            resolve();
          }, READY_WAIT_MS);
        }),
      ]);
    } catch (err) {
      this.log.warn({ err, feed }, 'bus feed not ready; going on');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every feed (the Edge is closing). */
  close(): void {
    this.closed = true;
    for (const sub of this.live.values()) sub.unsubscribe();
    this.live.clear();
  }
}
