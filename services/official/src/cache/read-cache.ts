/**
 * Cross-request read cache for the hot reads (a caller's permission inputs in a channel, a
 * channel's newest history page), kept correct by invalidation rather than by short lifetimes.
 *
 * Every durable event names what it changed: a message event (a reaction, a pin) its channel, any other event its
 * server (members, roles, overwrites, channels, the server itself). `changed()` records that on a
 * monotonic clock. A reader takes a ticket (the clock) before it reads the database and stores
 * what it read under that ticket; an entry is served only while none of its scopes changed after
 * its ticket. So a change that commits while a read is in flight can never be hidden by that
 * read's entry, and every write this process commits is seen by the next request.
 *
 * Changes arrive two ways: this process's writes right after they commit (the Transactor), and
 * every event on the bus (writes of other processes: Identity's account deletion, the dev tools,
 * other Official instances). With one Official (the embedded default) both are complete; with
 * several on JetStream, each reads its own writes at once and another instance's once their
 * event arrives (the bus's tail consumer resumes from its last sequence after a reconnect, so no
 * event is skipped): the staleness across instances is the relay's and NATS's delivery time,
 * measured in read-cache.distributed.test.ts and documented in docs/INTERNALS.md.
 */
import { LRUCache } from 'lru-cache';
import type { DurableEventType } from '@twopointo/shared';

export interface ChangeRecord {
  /** the event's id: a change this process committed is not applied again when its event arrives */
  id?: string;
  t: DurableEventType;
  server_id: string;
  channel_id?: string;
  /**
   * a user-addressed event (e.g. READ_STATE_UPDATE) changes nothing cached here, unless it names a
   * channel: a DM's events go to each recipient, and change that DM as a channel's events do
   */
  user_id?: string;
}

export interface ReadCacheOptions {
  /** entries kept per kind (least recently used go first) */
  maxEntries?: number;
  /** upper bound on an entry's life, for changes no event announces */
  ttlMs?: number;
}

/** Bounds of one kind of cached value. */
export interface KindOptions<V> {
  maxEntries?: number;
  /** with sizeOf: the most (estimated) bytes the kind may hold */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
}

const serverScope = (id: string) => `s:${id}`;
const channelScope = (id: string) => `c:${id}`;

interface Entry<V> {
  value: V;
  ticket: number;
  scopes: string[];
}

/** One kind of cached value (keyed by string) that shares the change clock of its ReadCache. */
export class CachedReads<V extends object> {
  private readonly entries: LRUCache<string, Entry<V>>;
  hits = 0;
  misses = 0;

  constructor(
    private readonly clock: ReadCache,
    /** for metrics */
    readonly name: string,
    options: Required<ReadCacheOptions>,
    kind: KindOptions<V> = {},
  ) {
    const sizeOf = kind.sizeOf;
    this.entries = new LRUCache<string, Entry<V>>({
      max: kind.maxEntries ?? options.maxEntries,
      ttl: options.ttlMs,
      ...(sizeOf && kind.maxBytes
        ? { maxSize: kind.maxBytes, sizeCalculation: (e: Entry<V>) => Math.max(1, sizeOf(e.value)) }
        : {}),
    });
  }

  /** The value, if stored and nothing it depends on changed since it was read. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry && this.clock.unchangedSince(entry.ticket, entry.scopes)) {
      this.hits++;
      return entry.value;
    }
    if (entry) this.entries.delete(key);
    this.misses++;
    return undefined;
  }

  /** Stores a value read after `ticket` was taken; dropped when a scope changed in between. */
  set(key: string, ticket: number, scopes: Scope[], value: V): void {
    const names = scopes.map((s) => ('server' in s ? serverScope(s.server) : channelScope(s.channel)));
    if (!this.clock.unchangedSince(ticket, names)) return;
    this.entries.set(key, { value, ticket, scopes: names });
  }

  /**
   * The cached value, or `load()`'s, stored when `keep` says it may be (e.g. only what is
   * certain to be invalidated by an event: a member's view, not a non-member's).
   */
  async through(key: string, load: () => Promise<V>, scopesOf: (value: V) => Scope[] | null): Promise<V> {
    if (!this.clock.enabled) return load();
    const hit = this.get(key);
    if (hit) return hit;
    const ticket = this.clock.ticket();
    const value = await load();
    const scopes = scopesOf(value);
    if (scopes) this.set(key, ticket, scopes, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

export type Scope = { server: string } | { channel: string };

export class ReadCache {
  private now = 0;
  /** scope → clock value of its last change; never evicted (one number per server and channel) */
  private readonly lastChange = new Map<string, number>();
  private readonly options: Required<ReadCacheOptions>;
  readonly kinds: CachedReads<object>[] = [];
  /** ids of events committed here and not yet seen on the bus */
  private readonly committedHere = new LRUCache<string, true>({ max: 10_000 });
  /**
   * Told of every change applied, with where it came from (this process's commit, or the bus):
   * how the staleness across instances is measured (commit on one, applied on another).
   */
  onApplied?: (record: ChangeRecord, source: 'here' | 'bus') => void;

  constructor(
    readonly enabled: boolean,
    options: ReadCacheOptions = {},
  ) {
    this.options = { maxEntries: options.maxEntries ?? 50_000, ttlMs: options.ttlMs ?? 5 * 60_000 };
  }

  /** A new kind of cached value sharing this clock. */
  reads<V extends object>(name: string, options?: KindOptions<V>): CachedReads<V> {
    const kind = new CachedReads<V>(this, name, this.options, options);
    this.kinds.push(kind as unknown as CachedReads<object>);
    return kind;
  }

  /** Taken before a read; the read's entry is valid only if nothing changes after it. */
  ticket(): number {
    return this.now;
  }

  unchangedSince(ticket: number, scopes: string[]): boolean {
    for (const s of scopes) if ((this.lastChange.get(s) ?? 0) > ticket) return false;
    return true;
  }

  /**
   * A change this process committed (told right after the commit). Its event arriving over the
   * bus later is then skipped: applying it twice would only throw away what was read in between.
   */
  changed(record: ChangeRecord): void {
    if (!this.enabled) return;
    if (record.id !== undefined) this.committedHere.set(record.id, true);
    this.apply(record);
    this.onApplied?.(record, 'here');
  }

  /** An event from the bus: a change committed elsewhere, unless this process committed it. */
  published(record: ChangeRecord): void {
    if (!this.enabled) return;
    if (record.id !== undefined && this.committedHere.delete(record.id)) return;
    this.apply(record);
    this.onApplied?.(record, 'bus');
  }

  private apply(record: ChangeRecord): void {
    if (record.user_id !== undefined) {
      if (record.channel_id) this.lastChange.set(channelScope(record.channel_id), ++this.now);
      return;
    }
    const at = ++this.now;
    // message events (reactions too) and pins change only their channel's messages
    if (record.t.startsWith('MESSAGE_') || record.t === 'CHANNEL_PINS_UPDATE') {
      if (record.channel_id) this.lastChange.set(channelScope(record.channel_id), at);
      else this.lastChange.set(serverScope(record.server_id), at);
    } else {
      this.lastChange.set(serverScope(record.server_id), at);
    }
  }
}
