/**
 * Writes and their durable events commit together: a service runs its repository calls in
 * `run`, emits events into the outbox inside the same transaction, and the relay is kicked
 * only after the commit (so an event never goes out for a change that rolled back).
 */
import { enqueueEvent, type BusRecord } from '@twopointo/bus';
import type { Database, DB, Kysely } from '@twopointo/db';
import { newId, type DurableEventMap, type DurableEventType } from '@twopointo/shared';

export type Emit = <T extends DurableEventType>(
  t: T,
  serverId: string,
  d: DurableEventMap[T],
  channelId?: string,
) => Promise<void>;

export interface Kickable {
  kick(): void;
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

export class Transactor {
  constructor(
    private readonly database: Database,
    private readonly relay: Kickable,
  ) {}

  async run<R>(fn: (trx: Kysely<DB>, emit: Emit) => Promise<R>): Promise<R> {
    let emitted = false;
    const result = await this.database.db.transaction().execute((trx) =>
      fn(trx, async (t, serverId, d, channelId) => {
        emitted = true;
        await enqueueEvent(trx, eventRecord(t, serverId, d, channelId));
      }),
    );
    if (emitted) this.relay.kick();
    return result;
  }
}
