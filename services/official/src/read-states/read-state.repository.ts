/** SQL for read states: a user's marker per channel and the mentions of them after it. */
import { sql, type DB, type Kysely } from '@twopointo/db';
import type { ReadState } from '@twopointo/shared';

export class ReadStateRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Servers the user is a member of. */
  async serverIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('members')
      .select('server_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.server_id);
  }

  /** The DMs the user is in. */
  async dmIds(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('channel_recipients')
      .select('channel_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.channel_id);
  }

  /** The user's stored states in these channels, by channel id. */
  async states(userId: string, channelIds: string[]): Promise<Map<string, ReadState>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('read_states')
      .select(['channel_id', 'last_read_id', 'mention_count'])
      .where('user_id', '=', userId)
      .where('channel_id', 'in', channelIds)
      .execute();
    return new Map(rows.map((r) => [r.channel_id, r]));
  }

  async messageInChannel(messageId: string, channelId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', messageId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Moves the marker to `messageId` unless it is already past it, and sets the count to the
   * mentions after the marker (0 when it reached the newest): one statement, from the
   * message_mentions index.
   */
  async ack(trx: Kysely<DB>, userId: string, channelId: string, messageId: string): Promise<ReadState> {
    const after = (marker: ReturnType<typeof sql>) => sql<number>`(select count(*) from message_mentions mm
      where mm.user_id = ${userId} and mm.channel_id = ${channelId} and mm.message_id > ${marker})`;
    return trx
      .insertInto('read_states')
      .values({
        user_id: userId,
        channel_id: channelId,
        last_read_id: messageId,
        mention_count: after(sql`${messageId}::bigint`),
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'channel_id']).doUpdateSet({
          last_read_id: sql`greatest(read_states.last_read_id, excluded.last_read_id)`,
          mention_count: after(sql`greatest(read_states.last_read_id, excluded.last_read_id)`),
        }),
      )
      .returning(['channel_id', 'last_read_id', 'mention_count'])
      .executeTakeFirstOrThrow();
  }
}
