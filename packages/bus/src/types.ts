/** The bus contract both implementations honour. */
import type { DurableEventType, EphemeralBusEvent } from '@twopointo/shared';

/**
 * A durable event as it travels: routing keys plus the payload `d` already serialised once as
 * JSON (`data`), so a gateway can frame it without parsing or re-serialising it.
 *
 * Addressed either to a server (and optionally one of its channels): delivered to that server's
 * (channel's) subscribers; or to a user (`user_id`): delivered to every socket of that user, with
 * no SUBSCRIBE, and replayed on RESUME like the others. A user-addressed record has
 * `server_id: ''` (USER_SCOPED) and no `channel_id`, so a reader that routes by server reaches no one.
 */
export interface BusRecord {
  /** event id (snowflake); a re-publish with the same id is dropped */
  id: string;
  t: DurableEventType;
  /** the server whose subscribers receive it; '' on a user-addressed record */
  server_id: string;
  /** channel-scoped events reach only that channel's subscribers */
  channel_id?: string;
  /** user-addressed events reach only that user's sockets (and need no subscription) */
  user_id?: string;
  /** JSON of the event payload `d` */
  data: string;
}

/** The `server_id` of a user-addressed record: no server's subscribers receive it. */
export const USER_SCOPED = '';

/** A record addressed to one user (see BusRecord). */
export const isUserScoped = (r: Pick<BusRecord, 'user_id'>): boolean => r.user_id !== undefined;

/** A stored durable event with its stream sequence `s` (increasing, with gaps). */
export interface SequencedRecord extends BusRecord {
  s: number;
}

/**
 * One server's durable events, or one user's (the records addressed to that user). A process
 * receives from the bus only the feeds it subscribes to (on NATS: core interest in per-server
 * and per-user subjects), which is what keeps an Edge's bus traffic proportional to its sockets.
 */
export type Feed = { server: string; user?: never } | { user: string; server?: never };

/** The feed a record belongs to: its user's when user-addressed, its server's otherwise. */
export const feedOf = (r: Pick<BusRecord, 'server_id' | 'user_id'>): Feed =>
  r.user_id !== undefined ? { user: r.user_id } : { server: r.server_id };

/** A feed as one string ("s:<server>" or "u:<user>"), for maps. */
export const feedKey = (f: Feed): string => (f.user !== undefined ? `u:${f.user}` : `s:${f.server}`);

export interface BusSubscription {
  unsubscribe(): void;
  /**
   * Resolves once live delivery is positioned (every event stored afterwards is delivered).
   * Immediate in memory; one round trip on JetStream. Await it before serving clients.
   */
  ready?: Promise<void>;
}

export interface EventBus {
  readonly kind: 'memory' | 'jetstream';
  /** Stores a durable event; resolves with its sequence once stored. Rejects while the bus is unreachable. */
  publish(record: BusRecord): Promise<number>;
  /** Live durable events of every feed in sequence order, from the moment of the call. */
  subscribe(handler: (record: SequencedRecord) => void): BusSubscription;
  /**
   * Live durable events of one feed, in sequence order, each once: every event of the feed
   * stored after `ready` resolves is delivered (some stored before it may be too). Several
   * subscriptions to one feed share one bus subscription; the last unsubscribe ends the interest.
   */
  subscribeFeed(feed: Feed, handler: (record: SequencedRecord) => void): BusSubscription;
  /**
   * Stored events with s > afterSeq up to the end of the stream as of the call, in order — only
   * those of `feed` when given (one filtered read on JetStream); null when events after afterSeq
   * are no longer retained (the caller must refetch).
   */
  replay(afterSeq: number, feed?: Feed): Promise<SequencedRecord[] | null>;
  /** Durable events this bus client has received so far, over all its subscriptions (interest is measured by it). */
  receivedCount(): number;
  /** Sequence of the newest stored event (0 when empty). */
  lastSeq(): Promise<number>;
  /** Fire-and-forget events that are never stored. */
  publishEphemeral(event: EphemeralBusEvent): void;
  /** Every ephemeral event, once each. */
  subscribeEphemeral(handler: (event: EphemeralBusEvent) => void): BusSubscription;
  /**
   * The ephemeral events of one feed: a server's (`server_id`), or those addressed to one user
   * (`user_ids` includes them; an event to several users comes once on each of their feeds).
   */
  subscribeEphemeralFeed(feed: Feed, handler: (event: EphemeralBusEvent) => void): BusSubscription;
  /** true while the bus answers */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
