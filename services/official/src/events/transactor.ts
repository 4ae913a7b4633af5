/**
 * Writes and their durable events commit together: a service runs its repository calls in
 * `run`, emits events into the outbox inside the same transaction, and the relay is kicked
 * only after the commit (so an event never goes out for a change that rolled back).
 */
import { enqueueEvent, outboxRow, USER_SCOPED, type BusRecord } from '@twopointo/bus';
import type { Database, DB, Kysely } from '@twopointo/db';
import { newId, type DurableEventMap, type DurableEventType } from '@twopointo/shared';
import type { Audience } from '../access/access.service.ts';

export interface Emit {
  /** An event to the server's subscribers (the channel's, with `channelId`). */
  <T extends DurableEventType>(
    t: T,
    serverId: string,
    d: DurableEventMap[T],
    channelId?: string,
  ): Promise<void>;
  /**
   * An event to every socket of one user (user-scoped: no subscription needed); `channelId`: the
   * DM it is about (its cached reads go stale with it).
   */
  toUser<T extends DurableEventType>(
    t: T,
    userId: string,
    d: DurableEventMap[T],
    channelId?: string,
  ): Promise<void>;
  /** An event of a conversation: to the channel's subscribers, or one record per DM recipient. */
  to<T extends DurableEventType>(audience: Audience, t: T, d: DurableEventMap[T]): Promise<void>;
}

export interface Kickable {
  kick(): void;
}

/** Told of every event right after its change commits (the read cache's invalidation). */
export interface CommitListener {
  changed(record: BusRecord): void;
}

export function eventRecord<T extends DurableEventType>(
  t: T,
  serverId: string,
  d: DurableEventMap[T],
  channelId?: string,
): BusRecord {
  return {
    id: newId(),
    t,
    server_id: serverId,
    ...(channelId ? { channel_id: channelId } : {}),
    data: JSON.stringify(d),
  };
}

/**
 * A user-addressed event record (see BusRecord). `channelId`: the DM it is about, so the read
 * caches of that channel are invalidated by it like by a channel's event.
 */
export function userEventRecord<T extends DurableEventType>(
  t: T,
  userId: string,
  d: DurableEventMap[T],
  channelId?: string,
): BusRecord {
  return {
    id: newId(),
    t,
    server_id: USER_SCOPED,
    user_id: userId,
    ...(channelId ? { channel_id: channelId } : {}),
    data: JSON.stringify(d),
  };
}

/** A conversation's event: one record to the channel, or one per DM recipient (serialised once). */
export function audienceRecords<T extends DurableEventType>(
  audience: Audience,
  t: T,
  d: DurableEventMap[T],
): BusRecord[] {
  if ('serverId' in audience) return [eventRecord(t, audience.serverId, d, audience.channelId)];
  const data = JSON.stringify(d);
  return audience.userIds.map((userId) => ({
    id: newId(),
    t,
    server_id: USER_SCOPED,
    user_id: userId,
    channel_id: audience.channelId,
    data,
  }));
}

/** An event's outbox row, inserted by the repository in the same statement as the change. */
export type OutboxRow = ReturnType<typeof outboxRow>;

export class Transactor {
  constructor(
    private readonly database: Database,
    private readonly relay: Kickable,
    private readonly listener?: CommitListener,
  ) {}

  async run<R>(fn: (trx: Kysely<DB>, emit: Emit) => Promise<R>): Promise<R> {
    const emitted: BusRecord[] = [];
    const result = await this.database.db.transaction().execute((trx) => {
      const enqueue = async (record: BusRecord) => {
        emitted.push(record);
        await enqueueEvent(trx, record);
      };
      const emit: Emit = Object.assign(
        <T extends DurableEventType>(t: T, serverId: string, d: DurableEventMap[T], channelId?: string) =>
          enqueue(eventRecord(t, serverId, d, channelId)),
        {
          toUser: <T extends DurableEventType>(
            t: T,
            userId: string,
            d: DurableEventMap[T],
            channelId?: string,
          ) => enqueue(userEventRecord(t, userId, d, channelId)),
          to: async <T extends DurableEventType>(audience: Audience, t: T, d: DurableEventMap[T]) => {
            for (const r of audienceRecords(audience, t, d)) await enqueue(r);
          },
        },
      );
      return fn(trx, emit);
    });
    if (emitted.length > 0) this.committed(emitted);
    return result;
  }

  /**
   * A change that is one statement (e.g. a CTE writing the row and its outbox row, possibly with
   * others': group commit): a single statement is atomic, so it needs no begin/commit round trips.
   * `fn` gets the event's outbox rows (one, or one per DM recipient) to insert in that statement;
   * the relay is kicked after it succeeds.
   */
  async single<T extends DurableEventType, R>(
    event: { t: T; audience: Audience; d: DurableEventMap[T] },
    fn: (outbox: OutboxRow[]) => Promise<R>,
  ): Promise<R> {
    const records = audienceRecords(event.audience, event.t, event.d);
    const result = await fn(records.map(outboxRow));
    this.committed(records);
    return result;
  }

  private committed(records: BusRecord[]): void {
    if (this.listener) for (const r of records) this.listener.changed(r);
    this.relay.kick();
  }
}
