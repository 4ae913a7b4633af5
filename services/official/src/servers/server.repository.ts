/** SQL for servers; creation also makes the owner a member and the @everyone role. */
import type { DB, Kysely } from '@twopointo/db';

const columns = ['id', 'name', 'owner_id', 'created_at'] as const;

export class ServerRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(
    trx: Kysely<DB>,
    s: { id: string; name: string; ownerId: string; everyonePermissions: bigint },
  ) {
    const server = await trx
      .insertInto('servers')
      .values({ id: s.id, name: s.name, owner_id: s.ownerId })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await trx.insertInto('members').values({ server_id: s.id, user_id: s.ownerId }).execute();
    // @everyone shares the server's id, so it never needs a lookup
    await trx
      .insertInto('roles')
      .values({
        id: s.id,
        server_id: s.id,
        name: '@everyone',
        permissions: s.everyonePermissions,
        position: 0,
      })
      .execute();
    return server;
  }

  listForUser(userId: string) {
    return this.db
      .selectFrom('servers')
      .innerJoin('members', 'members.server_id', 'servers.id')
      .select(['servers.id', 'servers.name', 'servers.owner_id', 'servers.created_at'])
      .where('members.user_id', '=', userId)
      .orderBy('servers.id')
      .execute();
  }

  rename(trx: Kysely<DB>, id: string, name: string) {
    return trx
      .updateTable('servers')
      .set({ name })
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirst();
  }

  async delete(trx: Kysely<DB>, id: string): Promise<boolean> {
    const res = await trx.deleteFrom('servers').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
