/** SQL for invites; a use is taken with one conditional UPDATE so concurrent accepts cannot overrun max_uses. */
import { sql, type DB, type InviteRow, type Kysely } from '@twopointo/db';

export class InviteRepository {
  constructor(private readonly db: Kysely<DB>) {}

  create(
    trx: Kysely<DB>,
    i: { code: string; serverId: string; inviterId: string; maxUses: number | null; expiresAt: Date | null },
  ) {
    return trx
      .insertInto('invites')
      .values({
        code: i.code,
        server_id: i.serverId,
        inviter_id: i.inviterId,
        max_uses: i.maxUses,
        expires_at: i.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The invite if it exists, has not expired and is not used up. */
  findUsable(code: string): Promise<InviteRow | undefined> {
    return this.db
      .selectFrom('invites')
      .selectAll()
      .where('code', '=', code)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
  }

  findServerId(code: string) {
    return this.db.selectFrom('invites').select('server_id').where('code', '=', code).executeTakeFirst();
  }

  /** Takes one use; false when the invite expired or ran out meanwhile. */
  async consume(trx: Kysely<DB>, code: string): Promise<boolean> {
    const res = await trx
      .updateTable('invites')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('code', '=', code)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** The server's usable invites with their inviters, newest first. */
  listUsable(serverId: string) {
    return this.db
      .selectFrom('invites')
      .innerJoin('users', 'users.id', 'invites.inviter_id')
      .selectAll('invites')
      .select(['users.username', 'users.display_name', 'users.avatar_asset_id as avatar'])
      .where('invites.server_id', '=', serverId)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .orderBy('invites.created_at', 'desc')
      .orderBy('invites.code')
      .execute();
  }

  find(code: string): Promise<InviteRow | undefined> {
    return this.db.selectFrom('invites').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async delete(trx: Kysely<DB>, code: string): Promise<boolean> {
    const res = await trx.deleteFrom('invites').where('code', '=', code).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
