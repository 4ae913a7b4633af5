/** SQL for mentions: a channel's audience for resolving them, and the exact per-user counts they feed. */
import { sql, type DB, type Kysely } from '@twopointo/db';
import type { Overwrite } from '@twopointo/shared';

/** An int8[] value from ids (one text parameter: both dialects take it alike). */
export const int8Array = (ids: readonly string[]) =>
  sql<string[]>`string_to_array(${ids.join(',')}, ',')::bigint[]`;

export interface AudienceRows {
  roles: { id: string; permissions: bigint }[];
  overwrites: Overwrite[];
  members: { user_id: string; roles: string[] }[];
}

export class MentionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * What resolving mentions in a channel needs: the server's roles, the channel's overwrites and
   * the members the mentions could reach (all of them with `all`, else those named or holding a
   * named role), each with their role ids.
   */
  async audience(
    serverId: string,
    channelId: string,
    want: { users: string[]; roles: string[]; all: boolean },
  ): Promise<AudienceRows> {
    const [roles, overwrites, members] = await Promise.all([
      this.db.selectFrom('roles').select(['id', 'permissions']).where('server_id', '=', serverId).execute(),
      this.db
        .selectFrom('channel_overwrites')
        .select(['target_id', 'type', 'allow', 'deny'])
        .where('channel_id', '=', channelId)
        .execute(),
      want.all || want.users.length > 0 || want.roles.length > 0
        ? this.db
            .selectFrom('members as m')
            .select([
              'm.user_id',
              sql<string[]>`array(select mr.role_id from member_roles mr
                where mr.server_id = m.server_id and mr.user_id = m.user_id)`.as('roles'),
            ])
            .where('m.server_id', '=', serverId)
            .$if(!want.all, (q) =>
              q.where((eb) =>
                eb.or([
                  ...(want.users.length > 0 ? [eb('m.user_id', 'in', want.users)] : []),
                  ...(want.roles.length > 0
                    ? [
                        eb.exists(
                          eb
                            .selectFrom('member_roles as x')
                            .select('x.role_id')
                            .whereRef('x.server_id', '=', 'm.server_id')
                            .whereRef('x.user_id', '=', 'm.user_id')
                            .where('x.role_id', 'in', want.roles),
                        ),
                      ]
                    : []),
                ]),
              ),
            )
            .execute()
        : Promise.resolve([]),
    ]);
    return {
      roles: roles.map((r) => ({ id: r.id, permissions: BigInt(r.permissions) })),
      overwrites: overwrites.map((o) => ({
        type: o.type,
        target_id: o.target_id,
        allow: BigInt(o.allow),
        deny: BigInt(o.deny),
      })),
      members,
    };
  }

  /** Users a message notifies (its message_mentions rows). */
  async notified(trx: Kysely<DB>, messageId: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('message_mentions')
      .select('user_id')
      .where('message_id', '=', messageId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Replaces whom a message notifies. */
  async replaceNotified(
    trx: Kysely<DB>,
    messageId: string,
    channelId: string,
    users: string[],
  ): Promise<void> {
    await trx.deleteFrom('message_mentions').where('message_id', '=', messageId).execute();
    if (users.length === 0) return;
    await trx
      .insertInto('message_mentions')
      .values(users.map((user_id) => ({ message_id: messageId, user_id, channel_id: channelId })))
      .execute();
  }

  /**
   * Sets each user's mention count in the channel to the mentioning messages after their marker:
   * read from message_mentions' (user_id, channel_id, message_id) index, never from messages.
   */
  async recount(trx: Kysely<DB>, channelId: string, users: string[]): Promise<void> {
    if (users.length === 0) return;
    await trx
      .insertInto('read_states')
      .values(users.map((user_id) => ({ user_id, channel_id: channelId })))
      .onConflict((oc) => oc.columns(['user_id', 'channel_id']).doNothing())
      .execute();
    await trx
      .updateTable('read_states as rs')
      .set({
        mention_count: sql<number>`(select count(*) from message_mentions mm
          where mm.user_id = rs.user_id and mm.channel_id = rs.channel_id
            and mm.message_id > coalesce(rs.last_read_id, 0))`,
      })
      .where('rs.channel_id', '=', channelId)
      .where('rs.user_id', 'in', users)
      .execute();
  }
}
