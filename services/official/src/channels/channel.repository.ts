/** SQL for channels. */
import { sql, type DB, type Kysely } from '@twopointo/db';

const columns = ['id', 'server_id', 'name', 'topic', 'position', 'created_at', 'last_message_id'] as const;

export class ChannelRepository {
  /** New channels go last. */
  async create(trx: Kysely<DB>, c: { id: string; serverId: string; name: string; topic: string | null }) {
    return trx
      .insertInto('channels')
      .values((eb) => ({
        id: c.id,
        server_id: c.serverId,
        name: c.name,
        topic: c.topic,
        position: eb
          .selectFrom('channels')
          .select(sql<number>`coalesce(max(position) + 1, 0)`.as('p'))
          .where('server_id', '=', c.serverId),
      }))
      .returning(columns)
      .$narrowType<{ server_id: string }>()
      .executeTakeFirstOrThrow();
  }

  /** A server's channel (the caller checked it is one). */
  update(trx: Kysely<DB>, id: string, patch: { name?: string; topic?: string | null; position?: number }) {
    return trx
      .updateTable('channels')
      .set(patch)
      .where('id', '=', id)
      .returning(columns)
      .$narrowType<{ server_id: string }>()
      .executeTakeFirst();
  }

  async delete(trx: Kysely<DB>, id: string): Promise<boolean> {
    const res = await trx.deleteFrom('channels').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
