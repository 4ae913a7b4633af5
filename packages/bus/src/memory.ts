/** In-process bus for the embedded default: a bounded ring of durable events, same sequence semantics. */
import type { EphemeralBusEvent } from '@twopointo/shared';
import type { RelayLogger } from './relay.ts';
import {
  feedKey,
  feedOf,
  type BusRecord,
  type BusSubscription,
  type EventBus,
  type Feed,
  type SequencedRecord,
} from './types.ts';

export interface MemoryBusOptions {
  /** how many durable events are kept for replay */
  retain?: number;
  /** how long a published id is remembered for de-duplication */
  dedupeWindowMs?: number;
  /** where a throwing subscriber is reported [console] */
  logger?: Pick<RelayLogger, 'error'>;
}

export class MemoryBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly log: SequencedRecord[] = [];
  private head = 0; // index of the oldest retained record in `log`
  private seq = 0;
  private readonly recent = new Map<string, { s: number; at: number }>();
  private readonly handlers = new Set<(r: SequencedRecord) => void>();
  /** feed key → its subscribers: a record reaches only its own feed's (and the all-feeds handlers) */
  private readonly feeds = new Map<string, Set<(r: SequencedRecord) => void>>();
  private received = 0;
  private readonly ephemeral = new Set<(e: EphemeralBusEvent) => void>();
  private readonly ephemeralFeeds = new Map<string, Set<(e: EphemeralBusEvent) => void>>();
  private readonly retain: number;
  private readonly dedupeWindowMs: number;
  private readonly logger: MemoryBusOptions['logger'];

  constructor(opts: MemoryBusOptions = {}) {
    this.retain = opts.retain ?? 100_000;
    this.dedupeWindowMs = opts.dedupeWindowMs ?? 120_000;
    this.logger = opts.logger;
  }

  async publish(record: BusRecord): Promise<number> {
    const now = Date.now();
    const seen = this.recent.get(record.id);
    if (seen && now - seen.at < this.dedupeWindowMs) return seen.s;
    const stored: SequencedRecord = { ...record, s: ++this.seq };
    this.log.push(stored);
    if (this.log.length - this.head > this.retain) this.head++;
    if (this.head > 4096 && this.head * 2 > this.log.length) {
      this.log.splice(0, this.head);
      this.head = 0;
    }
    this.recent.set(record.id, { s: stored.s, at: now });
    if (this.recent.size > this.retain) this.pruneRecent(now);
    // a throwing subscriber must neither starve the others nor fail the (already stored) publish
    const feed = this.feeds.get(feedKey(feedOf(stored)));
    if (this.handlers.size > 0 || feed !== undefined) this.received++;
    for (const h of this.handlers) this.guard(() => h(stored));
    if (feed !== undefined) for (const h of feed) this.guard(() => h(stored));
    return stored.s;
  }

  subscribeFeed(feed: Feed, handler: (record: SequencedRecord) => void): BusSubscription {
    return addToFeed(this.feeds, feed, handler);
  }

  receivedCount(): number {
    return this.received;
  }

  subscribe(handler: (record: SequencedRecord) => void): BusSubscription {
    this.handlers.add(handler);
    return { unsubscribe: () => void this.handlers.delete(handler), ready: Promise.resolve() };
  }

  async replay(afterSeq: number, feed?: Feed): Promise<SequencedRecord[] | null> {
    const oldest = this.log[this.head]?.s ?? this.seq + 1;
    if (afterSeq > this.seq) return null; // a sequence this bus never issued
    if (afterSeq + 1 < oldest) return null;
    const start = this.head + (afterSeq + 1 - oldest);
    const all = this.log.slice(start);
    if (feed === undefined) return all;
    const key = feedKey(feed);
    return all.filter((r) => feedKey(feedOf(r)) === key);
  }

  async lastSeq(): Promise<number> {
    return this.seq;
  }

  publishEphemeral(event: EphemeralBusEvent): void {
    for (const h of this.ephemeral) this.guard(() => h(event));
    const keys =
      event.user_ids !== undefined
        ? event.user_ids.map((user) => feedKey({ user }))
        : [feedKey({ server: event.server_id })];
    for (const key of keys) for (const h of this.ephemeralFeeds.get(key) ?? []) this.guard(() => h(event));
  }

  subscribeEphemeralFeed(feed: Feed, handler: (event: EphemeralBusEvent) => void): BusSubscription {
    return addToFeed(this.ephemeralFeeds, feed, handler);
  }

  subscribeEphemeral(handler: (event: EphemeralBusEvent) => void): BusSubscription {
    this.ephemeral.add(handler);
    return { unsubscribe: () => void this.ephemeral.delete(handler), ready: Promise.resolve() };
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.feeds.clear();
    this.ephemeral.clear();
    this.ephemeralFeeds.clear();
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      (this.logger ?? console).error({ err: String(err) }, 'bus subscriber threw');
    }
  }

  private pruneRecent(now: number): void {
    for (const [id, v] of this.recent) {
      if (now - v.at >= this.dedupeWindowMs || this.recent.size > this.retain) this.recent.delete(id);
      else break;
    }
  }
}

/** Adds a handler to a feed's set in `feeds`; the set goes with its last handler. */
function addToFeed<E>(
  feeds: Map<string, Set<(e: E) => void>>,
  feed: Feed,
  handler: (e: E) => void,
): BusSubscription {
  const key = feedKey(feed);
  let set = feeds.get(key);
  if (!set) feeds.set(key, (set = new Set()));
  // a wrapper, so one handler may subscribe twice and unsubscribe each independently
  const h = (e: E): void => handler(e);
  set.add(h);
  return {
    unsubscribe: () => {
      const now = feeds.get(key);
      if (!now?.delete(h)) return;
      if (now.size === 0) feeds.delete(key);
    },
    ready: Promise.resolve(),
  };
}
