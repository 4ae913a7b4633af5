/**
 * Writes and their durable events commit together: a service runs its repository calls in
 * `run`, emits events into the outbox inside the same transaction, and the relay is kicked
 * only after the commit (so an event never goes out for a change that rolled back).
 */
import { enqueueEvent, outboxRow, USER_SCOPED, type BusRecord } from '@twopointo/bus';
import type { Database, DB, Kysely } from '@twopointo/db';
import { newId, type DurableEventMap, type DurableEventType } from '@twopointo/shared';

export interface Emit {
  /** An event to the server's subscribers (the channel's, with `channelId`). */
  <T extends DurableEventType>(
    t: T,
    serverId: string,
    d: DurableEventMap[T],
    channelId?: string,
  ): Promise<void>;
  /** An event to every socket of one user (user-scoped: no subscription needed). */
  toUser<T extends DurableEventType>(t: T, userId: string, d: DurableEventMap[T]): Promise<void>;
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

/** A user-addressed event record (see BusRecord). */
export function userEventRecord<T extends DurableEventType>(
  t: T,
  userId: string,
  d: DurableEventMap[T],
): BusRecord {
  return { id: newId(), t, server_id: USER_SCOPED, user_id: userId, data: JSON.stringify(d) };
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
          toUser: <T extends DurableEventType>(t: T, userId: string, d: DurableEventMap[T]) =>
            enqueue(userEventRecord(t, userId, d)),
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
   * `fn` gets the event's outbox row to insert in that statement; the relay is kicked after it
   * succeeds.
   */
  async single<T extends DurableEventType, R>(
    event: { t: T; serverId: string; d: DurableEventMap[T]; channelId?: string },
    fn: (outbox: OutboxRow) => Promise<R>,
  ): Promise<R> {
    const record = eventRecord(event.t, event.serverId, event.d, event.channelId);
    const result = await fn(outboxRow(record));
    this.committed([record]);
    return result;
  }

  private committed(records: BusRecord[]): void {
    if (this.listener) for (const r of records) this.listener.changed(r);
    this.relay.kick();
  }
}
