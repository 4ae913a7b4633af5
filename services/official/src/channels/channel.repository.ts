/** SQL for channels. */
import { sql, type ChannelType, type DB, type Kysely } from '@twopointo/db';
import { CHANNEL_ROW_COLUMNS as columns } from '../access/access.repository.ts';

export interface NewChannel {
  id: string;
  serverId: string;
  name: string;
  type: ChannelType;
  topic: string | null;
  parentId: string | null;
  userLimit: number | null;
  bitrate: number | null;
}
export interface ChannelPatch {
  name?: string;
  topic?: string | null;
  position?: number;
  parent_id?: string | null;
  user_limit?: number;
  bitrate?: number;
}

export class ChannelRepository {
  /** New channels go last. */
  async create(trx: Kysely<DB>, c: NewChannel) {
    return trx
      .insertInto('channels')
      .values((eb) => ({
        id: c.id,
        server_id: c.serverId,
        name: c.name,
        type: c.type,
        topic: c.topic,
        parent_id: c.parentId,
        user_limit: c.userLimit,
        bitrate: c.bitrate,
        position: eb
          .selectFrom('channels')
          .select(sql<number>`coalesce(max(position) + 1, 0)`.as('p'))
          .where('server_id', '=', c.serverId),
      }))
      .returning(columns)
      .executeTakeFirstOrThrow();
  }

  update(trx: Kysely<DB>, id: string, patch: ChannelPatch) {
    return trx.updateTable('channels').set(patch).where('id', '=', id).returning(columns).executeTakeFirst();
  }

  /** The server's channels, by position then id. */
  list(trx: Kysely<DB>, serverId: string) {
    return trx
      .selectFrom('channels')
      .select(columns)
      .where('server_id', '=', serverId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  /** The type of a channel of this server (undefined: none there). */
  async typeIn(trx: Kysely<DB>, serverId: string, id: string): Promise<ChannelType | undefined> {
    const row = await trx
      .selectFrom('channels')
      .select('type')
      .where('id', '=', id)
      .where('server_id', '=', serverId)
      .executeTakeFirst();
    return row?.type;
  }

  /** Lifts a category's channels to the top level; the lifted channels. */
  liftChildren(trx: Kysely<DB>, categoryId: string) {
    return trx
      .updateTable('channels')
      .set({ parent_id: null })
      .where('parent_id', '=', categoryId)
      .returning(columns)
      .execute();
  }

  async delete(trx: Kysely<DB>, id: string): Promise<boolean> {
    const res = await trx.deleteFrom('channels').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
