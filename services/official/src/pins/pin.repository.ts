/** SQL for pins: a pin is the message's pinned_at, listed and counted from a partial index. */
import type { DB, Kysely } from '@twopointo/db';
import { selectMessages, type PageRow } from '../messages/message.repository.ts';

export interface PinLine {
  id: string;
  channelId: string;
  /** null in a DM */
  serverId: string | null;
  authorId: string;
  pinnedId: string;
  createdAt: Date;
}

export class PinRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Locks the channel's row until the transaction ends (pins of one channel then count in turn); false when it is gone. */
  async lockChannel(trx: Kysely<DB>, channelId: string): Promise<boolean> {
    const row = await trx
      .selectFrom('channels')
      .select('id')
      .where('id', '=', channelId)
      .forUpdate()
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The message's pin time (null: not pinned), or undefined when it is not a message of the channel. */
  async pinnedAt(trx: Kysely<DB>, messageId: string, channelId: string): Promise<Date | null | undefined> {
    const row = await trx
      .selectFrom('messages')
      .select('pinned_at')
      .where('id', '=', messageId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row?.pinned_at;
  }

  async count(trx: Kysely<DB>, channelId: string): Promise<number> {
    const row = await trx
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('channel_id', '=', channelId)
      .where('pinned_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setPinnedAt(trx: Kysely<DB>, messageId: string, at: Date | null): Promise<void> {
    await trx.updateTable('messages').set({ pinned_at: at }).where('id', '=', messageId).execute();
  }

  /**
   * The system line of a pin ("<author> pinned a message"), and the channel's newest message moved
   * forward to it, as a posted message would.
   */
  async insertPinLine(trx: Kysely<DB>, line: PinLine): Promise<void> {
    await trx
      .insertInto('messages')
      .values({
        id: line.id,
        channel_id: line.channelId,
        server_id: line.serverId,
        author_id: line.authorId,
        content: '',
        created_at: line.createdAt,
        type: 'pin',
        reference_id: line.pinnedId,
      })
      .execute();
    await trx
      .updateTable('channels')
      .set({ last_message_id: line.id })
      .where('id', '=', line.channelId)
      .where((eb) => eb.or([eb('last_message_id', 'is', null), eb('last_message_id', '<', line.id)]))
      .execute();
  }

  /** When the channel's newest pin was made, or null when it has none. */
  async lastPinAt(trx: Kysely<DB>, channelId: string): Promise<Date | null> {
    const row = await trx
      .selectFrom('messages')
      .select((eb) => eb.fn.max('pinned_at').as('at'))
      .where('channel_id', '=', channelId)
      .where('pinned_at', 'is not', null)
      .executeTakeFirst();
    return row?.at ?? null;
  }

  /** The channel's pinned messages, newest pin first. */
  pinned(channelId: string, limit: number, viewerId: string): Promise<PageRow[]> {
    return selectMessages(this.db, viewerId)
      .where('m.channel_id', '=', channelId)
      .where('m.pinned_at', 'is not', null)
      .orderBy('m.pinned_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .execute();
  }
}
