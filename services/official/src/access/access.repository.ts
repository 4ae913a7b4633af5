/** Loads the inputs of the permission resolver: servers, membership, roles, channels, overwrites. */
import type { DB, Kysely } from '@twopointo/db';
import type { Overwrite } from '@twopointo/shared';

export interface ServerRef {
  id: string;
  name: string;
  owner_id: string;
  created_at: Date;
}
export interface ChannelRef {
  id: string;
  server_id: string;
  name: string;
  topic: string | null;
  position: number;
  created_at: Date;
}
export interface MessageRef {
  id: string;
  channel_id: string;
  server_id: string;
  author_id: string;
}

export class AccessRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findUserRef(id: string) {
    return this.db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
  }

  findServer(id: string): Promise<ServerRef | undefined> {
    return this.db
      .selectFrom('servers')
      .select(['id', 'name', 'owner_id', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async isMember(serverId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('members')
      .select('user_id')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The @everyone role (id = server id) and the member's own roles. */
  memberRoles(serverId: string, userId: string) {
    return this.db
      .selectFrom('roles')
      .select(['id', 'permissions'])
      .where('server_id', '=', serverId)
      .where((eb) =>
        eb.or([
          eb('id', '=', serverId),
          eb(
            'id',
            'in',
            eb
              .selectFrom('member_roles')
              .select('role_id')
              .where('server_id', '=', serverId)
              .where('user_id', '=', userId),
          ),
        ]),
      )
      .execute();
  }

  findChannel(id: string): Promise<ChannelRef | undefined> {
    return this.db
      .selectFrom('channels')
      .select(['id', 'server_id', 'name', 'topic', 'position', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  listChannels(serverId: string): Promise<ChannelRef[]> {
    return this.db
      .selectFrom('channels')
      .select(['id', 'server_id', 'name', 'topic', 'position', 'created_at'])
      .where('server_id', '=', serverId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  /** Overwrites of the given channels, grouped by channel id. */
  async overwrites(channelIds: string[]): Promise<Map<string, Overwrite[]>> {
    const out = new Map<string, Overwrite[]>(channelIds.map((id) => [id, []]));
    if (channelIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('channel_overwrites')
      .select(['channel_id', 'target_id', 'type', 'allow', 'deny'])
      .where('channel_id', 'in', channelIds)
      .execute();
    for (const r of rows) {
      out
        .get(r.channel_id)
        ?.push({ type: r.type, target_id: r.target_id, allow: BigInt(r.allow), deny: BigInt(r.deny) });
    }
    return out;
  }

  findRole(id: string) {
    return this.db
      .selectFrom('roles')
      .select(['id', 'server_id', 'name', 'permissions', 'position', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  findMessageRef(id: string): Promise<MessageRef | undefined> {
    return this.db
      .selectFrom('messages')
      .select(['id', 'channel_id', 'server_id', 'author_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
