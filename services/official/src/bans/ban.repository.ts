/** SQL for bans, and for a ban's clean-up of the banned user's recent messages. */
import { sql, type DB, type Kysely } from '@twopointo/db';

export interface BanRow {
  user_id: string;
  username: string;
  display_name: string | null;
  avatar: string | null;
  reason: string | null;
  created_at: Date;
}

/** What a ban's clean-up removed: message ids by channel, who they notified, the assets they held. */
export interface DeletedMessages {
  byChannel: Map<string, string[]>;
  notifiedByChannel: Map<string, string[]>;
  assetIds: string[];
}

export class BanRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Bans (again: the reason is replaced). */
  async put(
    trx: Kysely<DB>,
    b: { serverId: string; userId: string; reason: string | null; moderatorId: string },
  ): Promise<void> {
    await trx
      .insertInto('bans')
      .values({ server_id: b.serverId, user_id: b.userId, reason: b.reason, moderator_id: b.moderatorId })
      .onConflict((oc) =>
        oc.columns(['server_id', 'user_id']).doUpdateSet({ reason: b.reason, moderator_id: b.moderatorId }),
      )
      .execute();
  }

  async remove(trx: Kysely<DB>, serverId: string, userId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('bans')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async isBanned(serverId: string, userId: string, q: Kysely<DB> = this.db): Promise<boolean> {
    const row = await q
      .selectFrom('bans')
      .select('user_id')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Newest first. */
  list(serverId: string): Promise<BanRow[]> {
    return this.db
      .selectFrom('bans')
      .innerJoin('users', 'users.id', 'bans.user_id')
      .select([
        'bans.user_id',
        'users.username',
        'users.display_name',
        'users.avatar_asset_id as avatar',
        'bans.reason',
        'bans.created_at',
      ])
      .where('bans.server_id', '=', serverId)
      .orderBy('bans.created_at', 'desc')
      .orderBy('bans.user_id')
      .execute();
  }

  /**
   * Deletes the user's messages in the server written after `since`, in `trx`, and puts each
   * touched channel's newest message back to the newest one left.
   */
  async deleteMessagesSince(
    trx: Kysely<DB>,
    serverId: string,
    userId: string,
    since: Date,
  ): Promise<DeletedMessages> {
    const out: DeletedMessages = { byChannel: new Map(), notifiedByChannel: new Map(), assetIds: [] };
    const rows = await trx
      .selectFrom('messages')
      .select(['id', 'channel_id'])
      .where('server_id', '=', serverId)
      .where('author_id', '=', userId)
      .where('created_at', '>=', since)
      .orderBy('id')
      .execute();
    if (rows.length === 0) return out;
    const ids = rows.map((r) => r.id);
    for (const r of rows) out.byChannel.set(r.channel_id, [...(out.byChannel.get(r.channel_id) ?? []), r.id]);
    const [notified, assets] = await Promise.all([
      trx
        .selectFrom('message_mentions')
        .select(['channel_id', 'user_id'])
        .where('message_id', 'in', ids)
        .distinct()
        .execute(),
      trx.selectFrom('message_attachments').select('asset_id').where('message_id', 'in', ids).execute(),
    ]);
    for (const n of notified)
      out.notifiedByChannel.set(n.channel_id, [
        ...(out.notifiedByChannel.get(n.channel_id) ?? []),
        n.user_id,
      ]);
    out.assetIds = assets.map((a) => a.asset_id);
    await trx.deleteFrom('messages').where('id', 'in', ids).execute();
    await trx
      .updateTable('channels')
      .set({
        last_message_id: sql`(select max(m.id) from messages m where m.channel_id = channels.id)`,
      })
      .where('id', 'in', [...out.byChannel.keys()])
      .execute();
    return out;
  }
}
