/**
 * This Edge's interest on the bus: a feed per server that has a subscribed socket here and per
 * user who has a socket here, so the Edge receives those events and no others. Feeds are counted:
 * the subscription index holds a server's feed while the server has a socket, the socket registry
 * a user's while the user has one, and a SUBSCRIBE or RESUME holds the feeds it is settling while
 * it asks Official about access — so every change after the answer reaches this Edge. The last
 * release stops the feed after a linger (GATEWAY_FEED_LINGER_MS), so a reconnecting client or a
 * quick unsubscribe/subscribe finds it running instead of costing a stop and a start; what a
 * stopped feed would have carried stays in the stream for RESUME.
 */
import {
  feedKey,
  type BusSubscription,
  type EventBus,
  type Feed,
  type SequencedRecord,
} from '@twopointo/bus';
import type { EphemeralBusEvent } from '@twopointo/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { AccessChecker } from './access-client.ts';

/** how long a socket waits for a feed's interest before going on (a catch-up follows a NATS outage) */
const READY_WAIT_MS = 3000;

interface Running {
  sub: BusSubscription;
  ephemeral: BusSubscription;
  refs: number;
  /** set while nothing holds the feed and it waits to be stopped */
  linger?: NodeJS.Timeout;
  /** its live events reach this Edge (both subscriptions ready) */
  settled: boolean;
}

export class Feeds {
  private readonly live = new Map<string, Running>();
  private closed = false;

  constructor(
    private readonly bus: EventBus,
    private readonly onRecord: (r: SequencedRecord) => void,
    /** an ephemeral event of this feed (typing, presence; a user's copy of one addressed to several) */
    private readonly onEphemeral: (feed: Feed, e: EphemeralBusEvent) => void,
    private readonly access: AccessChecker,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
    /** how long a feed nothing holds keeps running before it stops (0: at once) */
    private readonly lingerMs = 0,
  ) {}

  /** feeds held now (a subscribed socket, a user's socket, a SUBSCRIBE or RESUME under way) */
  get size(): number {
    let held = 0;
    for (const f of this.live.values()) if (f.refs > 0) held++;
    return held;
  }

  /** feeds nothing holds, still running until their linger ends */
  get lingering(): number {
    return this.live.size - this.size;
  }

  /** Holds a feed, starting it if no one held it. */
  acquire(feed: Feed): void {
    if (this.closed) return;
    const key = feedKey(feed);
    const held = this.live.get(key);
    if (held) {
      clearTimeout(held.linger);
      held.linger = undefined;
      held.refs++;
      return;
    }
    const running: Running = {
      sub: this.bus.subscribeFeed(feed, this.onRecord),
      ephemeral: this.bus.subscribeEphemeralFeed(feed, (e) => this.onEphemeral(feed, e)),
      refs: 1,
      settled: false,
    };
    Promise.all([running.sub.ready, running.ephemeral.ready]).then(
      () => (running.settled = true),
      () => undefined,
    );
    this.live.set(key, running);
  }

  /** Lets go of a feed; the last release stops it, after the linger. */
  release(feed: Feed): void {
    const key = feedKey(feed);
    const held = this.live.get(key);
    if (!held || --held.refs > 0) return;
    if (this.lingerMs <= 0) return this.stop(key, feed, held);
    held.linger = setTimeout(() => this.stop(key, feed, held), this.lingerMs);
    held.linger.unref();
  }

  private stop(key: string, feed: Feed, held: Running): void {
    if (this.live.get(key) !== held || held.refs > 0) return;
    this.live.delete(key);
    held.sub.unsubscribe();
    held.ephemeral.unsubscribe();
    // the server's events go by unseen from now on: answers about it may go stale
    if (feed.server !== undefined) this.access.invalidate?.(feed.server);
  }

  /**
   * Resolves once the feed's live events reach this Edge (at once when it was running already),
   * or after a bounded wait when the bus does not answer (its reconnect catches the feed up).
   */
  async ready(feed: Feed): Promise<void> {
    const held = this.live.get(feedKey(feed));
    // the common case, every SUBSCRIBE of a server already watched here: no timer, no race
    if (held === undefined || held.settled) return;
    const ready = Promise.all([held.sub.ready, held.ephemeral.ready]);
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
    for (const { sub, ephemeral, linger } of this.live.values()) {
      clearTimeout(linger);
      sub.unsubscribe();
      ephemeral.unsubscribe();
    }
    this.live.clear();
  }
}
