/**
 * The distributed bus: durable events in a NATS JetStream stream (sequence = stream seq),
 * ephemeral ones on plain core NATS subjects. Written for nats-server 2.9: one filter subject
 * per consumer at most, no batch direct get, a stream's RePublish fixed at creation.
 *
 * Interest: each stored event is also sent once on a core subject of its feed
 * (`<prefix>.live.<server_id>` or `<prefix>.live.u.<user_id>`) with its sequence, so a process
 * that subscribes to a few feeds receives only their events; the stream keeps everything for
 * RESUME, read per feed with a single filter subject (`<prefix>.ev.<server_id>.>`).
 */
import { connect, nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  jetstream,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
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

export interface JetStreamBusOptions {
  /** nats://host:port, several separated by commas */
  url: string;
  /** stream name [TP_EVENTS] */
  stream?: string;
  /**
   * subject prefix [tp]: durable events on `<prefix>.ev.<server_id>.<channel_id|_>.<t>` and, when
   * user-addressed, `<prefix>.ev.u.<user_id>.<t>`; their live copies on `<prefix>.live.<server_id>`
   * and `<prefix>.live.u.<user_id>`; ephemeral on `<prefix>.eph.<server_id>` (and, addressed to
   * users, also on `<prefix>.eph.u.<user_id>` for each)
   */
  prefix?: string;
  /** retention: newest messages kept [1,000,000] */
  maxMsgs?: number;
  /** retention: oldest message age kept [7 days] */
  maxAgeMs?: number;
  /** how long a published id is remembered for de-duplication [2 min] */
  duplicateWindowMs?: number;
  /** how long a publish or a stream request may take before it rejects [3 s] */
  timeoutMs?: number;
  /** how often a bus with feeds moves its catch-up mark to the stream's end [5 s] */
  markTickMs?: number;
  /** connection name shown by the server */
  name?: string;
  logger?: RelayLogger;
}

const STREAM_NOT_FOUND = 10059;
const STREAM_NAME_IN_USE = 10058;
const REPLAY_BATCH = 1000;
/** how often a bus with feeds moves its catch-up mark to the stream's end (see advanceMark) */
const MARK_TICK_MS = 5000;

/** A live tail: one ordered consumer per bus, fanned out to every subscriber. */
interface Tail {
  ready: Promise<void>;
  /** stream seq of the last event handed to subscribers (or the start point) */
  lastSeen: number;
  iter?: ConsumerMessages;
  /** bumped on every reconnect so a consumer created before it is replaced */
  generation: number;
}

/** One feed's core subscription, shared by every subscriber of that feed in this process. */
interface LiveFeed {
  sub: Subscription;
  handlers: Set<(r: SequencedRecord) => void>;
  /** highest `s` handed to the handlers: a re-published or caught-up copy is dropped */
  lastS: number;
  ready: Promise<void>;
}

export class JetStreamBus implements EventBus {
  readonly kind = 'jetstream' as const;
  readonly stream: string;
  readonly prefix: string;
  private readonly js: JetStreamClient;
  private connected = true;
  private closed = false;
  private tail: Tail | undefined;
  private readonly handlers = new Set<(r: SequencedRecord) => void>();
  private readonly ephemeral = new Set<Subscription>();
  private readonly feeds = new Map<string, LiveFeed>();
  /**
   * every event at or below it has been handed to the running feeds: the highest `s` received
   * live, moved up to the stream's end now and then (see advanceMark), so a catch-up after a
   * reconnect reads only the outage's window
   */
  private liveMark = -1;
  private liveMarkRead: Promise<void> | undefined;
  /** bumped on every disconnect: a mark read before one is not applied after it */
  private disconnects = 0;
  private markTimer: NodeJS.Timeout | undefined;
  /** the stream's end read at the previous tick, applied at this one if no disconnect came between */
  private candidateMark: { seq: number; disconnects: number } | undefined;
  /** set while disconnected and until the catch-up read is done: live copies wait in `held` */
  private catchingUp = false;
  private held: SequencedRecord[] = [];
  private received = 0;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly opts: JetStreamBusOptions,
  ) {
    this.stream = opts.stream ?? 'TP_EVENTS';
    this.prefix = opts.prefix ?? 'tp';
    this.js = jetstream(nc, { timeout: this.timeoutMs });
    void this.watchStatus();
  }

  /** Connects (failing if NATS does not answer now), then creates or updates the stream. */
  static async connect(opts: JetStreamBusOptions): Promise<JetStreamBus> {
    const timeout = opts.timeoutMs ?? 3000;
    const nc = await connect({
      servers: opts.url.split(',').map((s) => s.trim()),
      name: opts.name,
      // a bus outlives any NATS restart: never give up reconnecting
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout,
      // notice a silently dead peer within ~30 s
      pingInterval: 10_000,
      maxPingOut: 3,
    });
    try {
      const jsm = await jetstreamManager(nc, { timeout });
      const bus = new JetStreamBus(nc, jsm, opts);
      await bus.ensureStream();
      return bus;
    } catch (err) {
      await nc.close().catch(() => undefined);
      throw err;
    }
  }

  private get timeoutMs(): number {
    return this.opts.timeoutMs ?? 3000;
  }

  /** Creates the stream, or brings an existing one to the configured subjects and limits. */
  async ensureStream(): Promise<StreamInfo> {
    const maxAgeMs = this.opts.maxAgeMs ?? 7 * 24 * 3600 * 1000;
    // the server refuses a duplicate window longer than max_age
    const dupMs = Math.min(this.opts.duplicateWindowMs ?? 120_000, maxAgeMs);
    const cfg = {
      subjects: [`${this.prefix}.ev.>`],
      max_msgs: this.opts.maxMsgs ?? 1_000_000,
      max_age: nanos(maxAgeMs),
      duplicate_window: nanos(dupMs),
      discard: DiscardPolicy.Old,
    } satisfies Partial<StreamConfig>;
    try {
      await this.jsm.streams.info(this.stream);
      return await this.jsm.streams.update(this.stream, cfg);
    } catch (err) {
      if (!isApiError(err, STREAM_NOT_FOUND)) throw err;
    }
    try {
      return await this.jsm.streams.add({
        ...cfg,
        name: this.stream,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        num_replicas: 1,
      });
    } catch (err) {
      // another instance created it in between
      if (!isApiError(err, STREAM_NAME_IN_USE)) throw err;
      return this.jsm.streams.update(this.stream, cfg);
    }
  }

  async publish(record: BusRecord): Promise<number> {
    if (this.closed) throw new Error('bus is closed');
    // while reconnecting the client would buffer the message and only time out later
    if (!this.connected) throw new Error('NATS is unreachable');
    const body: BusRecord = {
      id: record.id,
      t: record.t,
      server_id: record.server_id,
      ...(record.channel_id !== undefined ? { channel_id: record.channel_id } : {}),
      ...(record.user_id !== undefined ? { user_id: record.user_id } : {}),
      data: record.data,
    };
    // per-server and per-user subjects, so an Edge may later consume only what its sockets need
    const subject =
      record.user_id !== undefined
        ? `${this.prefix}.ev.u.${token(record.user_id)}.${token(record.t)}`
        : `${this.prefix}.ev.${token(record.server_id)}.${token(record.channel_id ?? '_')}.${token(record.t)}`;
    const json = JSON.stringify(body);
    const ack = await this.js.publish(subject, json, {
      msgID: record.id,
      timeout: this.timeoutMs,
    });
    // the live copy, for the processes interested in this feed; a duplicate's ack carries the
    // sequence of the first copy, so a re-publish repeats the same `s` (subscribers drop it)
    const live =
      record.user_id !== undefined
        ? `${this.prefix}.live.u.${token(record.user_id)}`
        : `${this.prefix}.live.${token(record.server_id)}`;
    try {
      // the stored body with its `s` appended, not serialised a second time
      this.nc.publish(live, `${json.slice(0, -1)},"s":${ack.seq}}`);
    } catch (err) {
      // stored already: a subscriber that misses it catches up from the stream after its reconnect
      this.opts.logger?.warn({ err: String(err), s: ack.seq }, 'live copy not sent');
    }
    return ack.seq;
  }

  /**
   * Live events from now on. The returned `ready` resolves once the tail is positioned: every
   * event stored after that is delivered (also those published between the call and `ready`,
   * because the start point is the stream's last seq read before the consumer exists).
   */
  subscribe(handler: (record: SequencedRecord) => void): BusSubscription {
    if (this.closed) return { unsubscribe: () => undefined, ready: Promise.resolve() };
    this.handlers.add(handler);
    const ready = this.ensureTail().ready;
    return { unsubscribe: () => void this.handlers.delete(handler), ready };
  }

  subscribeFeed(feed: Feed, handler: (record: SequencedRecord) => void): BusSubscription {
    if (this.closed) return { unsubscribe: () => undefined, ready: Promise.resolve() };
    const key = feedKey(feed);
    let live = this.feeds.get(key);
    if (!live) {
      const subject =
        feed.user !== undefined
          ? `${this.prefix}.live.u.${token(feed.user)}`
          : `${this.prefix}.live.${token(feed.server)}`;
      const created: LiveFeed = {
        handlers: new Set(),
        lastS: 0,
        ready: Promise.resolve(),
        sub: this.nc.subscribe(subject, {
          callback: (err, msg) => {
            if (!err) this.onLive(created, msg.string());
          },
        }),
      };
      // the server has the SUB once it answers a PING sent after it; the mark is where a
      // catch-up after a reconnect starts
      created.ready = Promise.all([this.nc.flush(), this.readLiveMark()]).then(() => undefined);
      // a caller that stops waiting (NATS down) must not leave an unhandled rejection behind
      created.ready.catch(() => undefined);
      this.feeds.set(key, (live = created));
    }
    const mine = live;
    const h = (r: SequencedRecord): void => handler(r);
    mine.handlers.add(h);
    return {
      unsubscribe: () => {
        if (!mine.handlers.delete(h) || mine.handlers.size > 0) return;
        mine.sub.unsubscribe();
        if (this.feeds.get(key) === mine) this.feeds.delete(key);
      },
      ready: mine.ready,
    };
  }

  receivedCount(): number {
    return this.received;
  }

  async replay(afterSeq: number, feed?: Feed): Promise<SequencedRecord[] | null> {
    if (feed !== undefined) return this.replayFeed(afterSeq, feed);
    const { state } = await this.jsm.streams.info(this.stream);
    const last = state.last_seq;
    if (afterSeq > last) return null;
    if (afterSeq + 1 < state.first_seq) return null;
    if (afterSeq === last) return [];
    const consumer = await this.js.consumers.get(this.stream, { opt_start_seq: afterSeq + 1 });
    const out: SequencedRecord[] = [];
    let seen = afterSeq;
    try {
      while (seen < last) {
        const batch = await consumer.fetch({
          max_messages: Math.min(REPLAY_BATCH, last - seen),
          expires: Math.max(1000, this.timeoutMs),
        });
        let got = 0;
        for await (const m of batch) {
          got++;
          // the oldest events were dropped by retention after the info call
          if (seen === afterSeq && m.seq !== afterSeq + 1) return null;
          seen = m.seq;
          const rec = this.parse(m);
          if (rec) out.push(rec);
          if (seen >= last) break;
        }
        if (got === 0) throw new Error(`replay of ${this.stream} stalled after seq ${seen}`);
      }
      return out;
    } finally {
      consumer.delete().catch(() => undefined);
    }
  }

  async lastSeq(): Promise<number> {
    return (await this.jsm.streams.info(this.stream)).state.last_seq;
  }

  publishEphemeral(event: EphemeralBusEvent): void {
    if (this.closed) return;
    try {
      const body = JSON.stringify(event);
      // once for those who take every event (`eph.*`), and once per addressed user's feed
      this.nc.publish(`${this.prefix}.eph.${token(event.server_id)}`, body);
      for (const user of event.user_ids ?? []) this.nc.publish(`${this.prefix}.eph.u.${token(user)}`, body);
    } catch (err) {
      // fire-and-forget: a typing indicator is not worth an error to the caller
      this.opts.logger?.warn({ err: String(err) }, 'ephemeral publish failed');
    }
  }

  subscribeEphemeral(handler: (event: EphemeralBusEvent) => void): BusSubscription {
    return this.ephemeralSubscription(`${this.prefix}.eph.*`, handler);
  }

  private ephemeralSubscription(
    subject: string,
    handler: (event: EphemeralBusEvent) => void,
  ): BusSubscription {
    const sub = this.nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return;
        let event: EphemeralBusEvent;
        try {
          event = msg.json<EphemeralBusEvent>();
        } catch {
          return;
        }
        try {
          handler(event);
        } catch (e) {
          this.opts.logger?.error({ err: String(e) }, 'ephemeral handler threw');
        }
      },
    });
    this.ephemeral.add(sub);
    return {
      unsubscribe: () => {
        this.ephemeral.delete(sub);
        sub.unsubscribe();
      },
      // the server has the SUB once it answers a PING sent after it
      ready: this.nc.flush().catch(() => undefined),
    };
  }

  subscribeEphemeralFeed(feed: Feed, handler: (event: EphemeralBusEvent) => void): BusSubscription {
    const subject =
      feed.user !== undefined
        ? `${this.prefix}.eph.u.${token(feed.user)}`
        : `${this.prefix}.eph.${token(feed.server)}`;
    return this.ephemeralSubscription(subject, handler);
  }

  async healthy(): Promise<boolean> {
    if (this.closed || !this.connected || this.nc.isClosed()) return false;
    try {
      await this.jsm.streams.info(this.stream);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.feeds.clear();
    clearInterval(this.markTimer);
    this.tail?.iter?.stop();
    await this.nc.close().catch(() => undefined);
  }

  // ---- internals ----

  /** One feed's stored events after afterSeq: an ordered consumer with that feed's filter subject. */
  private async replayFeed(afterSeq: number, feed: Feed): Promise<SequencedRecord[] | null> {
    const { state } = await this.jsm.streams.info(this.stream);
    const last = state.last_seq;
    if (afterSeq > last) return null;
    if (afterSeq + 1 < state.first_seq) return null;
    if (afterSeq === last) return [];
    const filter =
      feed.user !== undefined
        ? `${this.prefix}.ev.u.${token(feed.user)}.>`
        : `${this.prefix}.ev.${token(feed.server)}.>`;
    const consumer = await this.js.consumers.get(this.stream, {
      opt_start_seq: afterSeq + 1,
      filter_subjects: filter,
    });
    const out: SequencedRecord[] = [];
    try {
      // what matches the filter from the start point on (the stream's end may have moved past `last`)
      let pending = (await consumer.info(true)).num_pending;
      let seen = afterSeq;
      while (pending > 0 && seen < last) {
        const batch = await consumer.fetch({
          max_messages: Math.min(REPLAY_BATCH, pending),
          expires: Math.max(1000, this.timeoutMs),
        });
        let got = 0;
        for await (const m of batch) {
          got++;
          pending = m.info.pending;
          seen = m.seq;
          if (seen > last) break;
          const rec = this.parse(m);
          if (rec) out.push(rec);
          if (pending === 0 || seen >= last) break;
        }
        if (got === 0) throw new Error(`replay of ${filter} stalled after seq ${seen}`);
      }
    } finally {
      consumer.delete().catch(() => undefined);
    }
    // retention may have dropped the oldest of them while they were read
    const after = await this.jsm.streams.info(this.stream);
    if (afterSeq + 1 < after.state.first_seq) return null;
    return out;
  }

  /**
   * Every MARK_TICK_MS while feeds run: the stream's end read one tick ago becomes the mark, if the
   * connection stayed up since — the live copy of any event stored by then (sent by its publisher
   * right after the store) has arrived by now. Without this a quiet feed would leave the mark far
   * behind and a catch-up would read the whole stream.
   */
  private async advanceMark(): Promise<void> {
    if (this.closed || !this.connected || this.catchingUp || this.feeds.size === 0) {
      this.candidateMark = undefined;
      return;
    }
    const c = this.candidateMark;
    if (c !== undefined && c.disconnects === this.disconnects && c.seq > this.liveMark) this.liveMark = c.seq;
    const disconnects = this.disconnects;
    try {
      this.candidateMark = { seq: await this.lastSeq(), disconnects };
    } catch {
      this.candidateMark = undefined;
    }
  }

  private readLiveMark(): Promise<void> {
    if (this.markTimer === undefined) {
      this.markTimer = setInterval(() => void this.advanceMark(), this.opts.markTickMs ?? MARK_TICK_MS);
      this.markTimer.unref();
    }
    this.liveMarkRead ??= this.lastSeq().then(
      (s) => void (this.liveMark = Math.max(this.liveMark, s)),
      (err: unknown) => {
        this.liveMarkRead = undefined;
        throw err;
      },
    );
    return this.liveMarkRead;
  }

  private onLive(feed: LiveFeed, body: string): void {
    let rec: SequencedRecord;
    try {
      rec = JSON.parse(body) as SequencedRecord;
      if (typeof rec?.id !== 'string' || typeof rec.data !== 'string' || typeof rec.s !== 'number')
        throw new Error('not a SequencedRecord');
    } catch (err) {
      this.opts.logger?.error({ err: String(err) }, 'unreadable live event skipped');
      return;
    }
    this.received++;
    if (this.catchingUp) {
      this.held.push(rec);
      return;
    }
    if (rec.s > this.liveMark) this.liveMark = rec.s;
    this.deliverLive(feed, rec);
  }

  private deliverLive(feed: LiveFeed, rec: SequencedRecord): void {
    if (rec.s <= feed.lastS) return;
    feed.lastS = rec.s;
    for (const h of feed.handlers) {
      try {
        h(rec);
      } catch (err) {
        this.opts.logger?.error({ err: String(err), s: rec.s }, 'bus subscriber threw');
      }
    }
  }

  /**
   * After a reconnect: what the feeds missed while this connection was down (the stream from the
   * last live event seen), then the live copies that came meanwhile, in order, each once.
   */
  private async catchUp(): Promise<void> {
    const from = this.liveMark;
    let failures = 0;
    while (!this.closed && this.connected) {
      try {
        if (this.feeds.size > 0 && from >= 0) {
          const missed = await this.replay(from);
          if (missed === null) this.opts.logger?.warn({ from }, 'feeds missed events no longer retained');
          this.received += missed?.length ?? 0;
          for (const rec of missed ?? []) this.route(rec);
        }
        break;
      } catch (err) {
        if (++failures % 10 === 1)
          this.opts.logger?.warn({ err: String(err) }, 'feed catch-up failed; retrying');
        await sleep(Math.min(2000, 50 * 2 ** Math.min(failures, 6)));
      }
    }
    if (!this.connected) return; // disconnected again: the next reconnect catches up from here
    const held = this.held.sort((a, b) => a.s - b.s);
    this.held = [];
    this.catchingUp = false;
    for (const rec of held) this.route(rec);
  }

  /** A record read back or held during a catch-up, to its feed (if one is running here). */
  private route(rec: SequencedRecord): void {
    if (rec.s > this.liveMark) this.liveMark = rec.s;
    const feed = this.feeds.get(feedKey(feedOf(rec)));
    if (feed) this.deliverLive(feed, rec);
  }

  private async watchStatus(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect') {
        this.connected = false;
        this.disconnects++;
        this.catchingUp = true;
      } else if (s.type === 'reconnect') {
        this.connected = true;
        void this.catchUp();
        // the server may have lost the consumer (a restart): start a fresh one at lastSeen + 1
        if (this.tail) {
          this.tail.generation++;
          this.tail.iter?.stop();
        }
      }
    }
  }

  private ensureTail(): Tail {
    if (this.tail) return this.tail;
    let resolve!: () => void;
    const tail: Tail = { ready: new Promise<void>((r) => (resolve = r)), lastSeen: -1, generation: 0 };
    this.tail = tail;
    void this.runTail(tail, resolve);
    return tail;
  }

  /** Keeps an ordered consumer running from lastSeen + 1, recreating it after errors and reconnects. */
  private async runTail(tail: Tail, ready: () => void): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        if (tail.lastSeen < 0) tail.lastSeen = await this.lastSeq();
        const generation = tail.generation;
        const consumer = await this.js.consumers.get(this.stream, { opt_start_seq: tail.lastSeen + 1 });
        const iter = await consumer.consume({ max_messages: 512, expires: 10_000 });
        tail.iter = iter;
        ready();
        failures = 0;
        // a reconnect while the consumer was being created: that consumer may be gone already
        if (generation !== tail.generation || this.closed) iter.stop();
        for await (const m of iter) {
          // a recreated consumer may repeat what was already delivered
          if (m.seq <= tail.lastSeen) continue;
          if (m.seq !== tail.lastSeen + 1) {
            this.opts.logger?.warn(
              { from: tail.lastSeen + 1, to: m.seq - 1 },
              'bus tail skipped events no longer retained',
            );
          }
          tail.lastSeen = m.seq;
          this.received++;
          const rec = this.parse(m);
          if (rec) this.dispatch(rec);
        }
        consumer.delete().catch(() => undefined);
      } catch (err) {
        failures++;
        if (failures === 1 || failures % 30 === 0) {
          this.opts.logger?.warn({ err: String(err), failures }, 'bus tail interrupted; retrying');
        }
      }
      tail.iter = undefined;
      if (this.closed) break;
      await sleep(Math.min(2000, 50 * 2 ** Math.min(failures, 6)));
    }
  }

  private dispatch(rec: SequencedRecord): void {
    for (const h of this.handlers) {
      try {
        h(rec);
      } catch (err) {
        this.opts.logger?.error({ err: String(err), s: rec.s }, 'bus subscriber threw');
      }
    }
  }

  private parse(m: JsMsg): SequencedRecord | undefined {
    try {
      const r = m.json<BusRecord>();
      if (typeof r?.id !== 'string' || typeof r.data !== 'string') throw new Error('not a BusRecord');
      return { ...r, s: m.seq };
    } catch (err) {
      this.opts.logger?.error(
        { err: String(err), seq: m.seq, subject: m.subject },
        'unreadable bus message skipped',
      );
      return undefined;
    }
  }
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/** A subject token: no separators, wildcards or whitespace. */
function token(s: string): string {
  return /^[^.*>\s]+$/.test(s) ? s : '_';
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
