/** SQL for servers; creation also makes the owner a member, the @everyone role and #general. */
import type { DB, Kysely } from '@twopointo/db';
import { CHANNEL_ROW_COLUMNS } from '../access/access.repository.ts';

const columns = ['id', 'name', 'owner_id', 'created_at', 'icon_asset_id'] as const;

export interface ServerPatch {
  name?: string;
  icon_asset_id?: string | null;
  owner_id?: string;
}

export class ServerRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(
    trx: Kysely<DB>,
    s: { id: string; name: string; ownerId: string; everyonePermissions: bigint; generalId: string },
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
    const general = await trx
      .insertInto('channels')
      .values({ id: s.generalId, server_id: s.id, name: 'general', type: 'text', position: 0 })
      .returning(CHANNEL_ROW_COLUMNS)
      .executeTakeFirstOrThrow();
    return { server, general };
  }

  listForUser(userId: string) {
    return this.db
      .selectFrom('servers')
      .innerJoin('members', 'members.server_id', 'servers.id')
      .select([
        'servers.id',
        'servers.name',
        'servers.owner_id',
        'servers.created_at',
        'servers.icon_asset_id',
      ])
      .where('members.user_id', '=', userId)
      .orderBy('servers.id')
      .execute();
  }

  update(trx: Kysely<DB>, id: string, patch: ServerPatch) {
    return trx.updateTable('servers').set(patch).where('id', '=', id).returning(columns).executeTakeFirst();
  }

  async delete(trx: Kysely<DB>, id: string): Promise<boolean> {
    const res = await trx.deleteFrom('servers').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
