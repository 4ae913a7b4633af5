/** Loads the inputs of the permission resolver: servers, membership, roles, channels, overwrites. */
import { sql, type DB, type Kysely } from '@twopointo/db';
import type { CompiledQuery } from '@twopointo/db';
import type { ChannelType, Overwrite } from '@twopointo/shared';
import type { CachedReads } from '../cache/read-cache.ts';
import { ROLE_COLUMNS } from '../roles/role.repository.ts';

export interface ServerRef {
  id: string;
  name: string;
  owner_id: string;
  created_at: Date;
  icon_asset_id: string | null;
}
export const SERVER_REF_COLUMNS = ['id', 'name', 'owner_id', 'created_at', 'icon_asset_id'] as const;
export interface ChannelRef {
  id: string;
  server_id: string;
  name: string;
  topic: string | null;
  position: number;
  created_at: Date;
  type: ChannelType;
  parent_id: string | null;
  user_limit: number | null;
  bitrate: number | null;
}
export const CHANNEL_REF_COLUMNS = [
  'id',
  'server_id',
  'name',
  'topic',
  'position',
  'created_at',
  'type',
  'parent_id',
  'user_limit',
  'bitrate',
] as const;
/** What a query of a server's channels knows of its rows' columns (a DM has neither). */
export type ServerChannelNarrow = { server_id: string; type: ChannelType };
export const CHANNEL_ROW_COLUMNS = [...CHANNEL_REF_COLUMNS, 'last_message_id'] as const;

/** A channel as listed and presented: with its newest message (never part of a cached context). */
export interface ChannelRow extends ChannelRef {
  last_message_id: string | null;
}
export interface MessageRef {
  id: string;
  channel_id: string;
  /** null in a DM */
  server_id: string | null;
  author_id: string;
  /** 'pin' lines are written by the server: nobody edits them */
  type: 'default' | 'pin';
}

/** A role as the resolver needs it; ids and bits as decimal strings (JSON cannot hold a bigint). */
export interface RoleBits {
  id: string;
  permissions: string;
  /** its place in the hierarchy (@everyone: 0) */
  position: number;
}
export interface OverwriteRow {
  type: 'role' | 'member';
  target_id: string;
  allow: string;
  deny: string;
}

/** Everything the resolver needs for (user, channel), from one statement. */
export interface ChannelContextRow {
  /** null: no such user */
  username: string | null;
  display_name: string | null;
  avatar: string | null;
  /** null: no such channel (then every channel and server field is null) */
  id: string | null;
  /** null in a DM (then every server field is null too) */
  server_id: string | null;
  /** a DM's recipients (user ids); null for a server channel */
  recipients: string[] | null;
  /** a group DM's owner */
  dm_owner_id: string | null;
  /** a 1:1 DM whose two recipients blocked one another (either way) */
  blocked: boolean;
  name: string;
  topic: string | null;
  position: number;
  created_at: Date;
  /** a server channel's kind, or 'dm' / 'group_dm' */
  type: ChannelType | 'dm' | 'group_dm';
  parent_id: string | null;
  user_limit: number | null;
  bitrate: number | null;
  server_name: string;
  owner_id: string;
  server_created_at: Date;
  server_icon_asset_id: string | null;
  member: boolean;
  /** the member's timeout end: compared with the clock at check time, so a cached row stays right */
  communication_disabled_until: Date | string | null;
  /** @everyone and the member's own roles */
  roles: RoleBits[];
  overwrites: OverwriteRow[];
}

/** Everything the resolver needs for (user, server) and every channel of it. */
export interface ServerContextRow {
  name: string;
  icon_asset_id: string | null;
  owner_id: string;
  created_at: Date;
  member: boolean;
  roles: RoleBits[];
  /** by position then id */
  channels: { id: string; overwrites: OverwriteRow[] }[];
}

// @everyone (id = server id) and the member's roles; bigint columns as text inside JSON
const ROLES_OF = (server: string) => `coalesce((
    select json_agg(json_build_object('id', r.id::text, 'permissions', r.permissions::text,
                                      'position', r.position))
    from roles r
    where r.server_id = ${server}
      and (r.id = ${server} or r.id in (
        select mr.role_id from member_roles mr where mr.server_id = ${server} and mr.user_id = $1))
  ), '[]'::json)`;
const OVERWRITES_OF = (channel: string) => `coalesce((
    select json_agg(json_build_object('type', o.type, 'target_id', o.target_id::text,
                                      'allow', o.allow::text, 'deny', o.deny::text))
    from channel_overwrites o where o.channel_id = ${channel}
  ), '[]'::json)`;

// one row even when the channel does not exist, so the user check rides along ($1 user, $2 channel);
// a DM has no server: its recipients (and, for a 1:1 DM, whether a block stands between them) instead
const CHANNEL_CONTEXT = sql.raw(`select
  (select u.username from users u where u.id = $1) as username,
  (select u.display_name from users u where u.id = $1) as display_name,
  (select u.avatar_asset_id::text from users u where u.id = $1) as avatar,
  c.id, c.server_id, c.name, c.topic, c.position, c.created_at,
  c.type, c.parent_id::text as parent_id, c.user_limit, c.bitrate, c.owner_id as dm_owner_id,
  case when c.server_id is null then coalesce((
    select json_agg(r.user_id::text) from channel_recipients r where r.channel_id = c.id
  ), '[]'::json) end as recipients,
  (c.type = 'dm' and exists (select 1 from user_blocks b
    where (b.user_id = c.dm_user_lo and b.blocked_id = c.dm_user_hi)
       or (b.user_id = c.dm_user_hi and b.blocked_id = c.dm_user_lo))) is true as blocked,
  s.name as server_name, s.owner_id, s.created_at as server_created_at,
  s.icon_asset_id::text as server_icon_asset_id,
  exists (select 1 from members m where m.server_id = c.server_id and m.user_id = $1) as member,
  (select m.communication_disabled_until from members m
    where m.server_id = c.server_id and m.user_id = $1) as communication_disabled_until,
  ${ROLES_OF('c.server_id')} as roles,
  ${OVERWRITES_OF('c.id')} as overwrites
from (select 1) as one
left join channels c on c.id = $2
left join servers s on s.id = c.server_id`);

// $1 user, $2 server
const SERVER_CONTEXT = sql.raw(`select
  s.name, s.owner_id, s.created_at, s.icon_asset_id::text as icon_asset_id,
  exists (select 1 from members m where m.server_id = s.id and m.user_id = $1) as member,
  ${ROLES_OF('s.id')} as roles,
  coalesce((
    select json_agg(json_build_object('id', c.id::text, 'overwrites', ${OVERWRITES_OF('c.id')})
                    order by c.position, c.id)
    from channels c where c.server_id = s.id
  ), '[]'::json) as channels
from servers s where s.id = $2`);

export class AccessRepository {
  // compiled once: executed with fresh parameters, no query building per request
  private readonly channelContextQuery: CompiledQuery<ChannelContextRow>;
  private readonly serverContextQuery: CompiledQuery<ServerContextRow>;

  constructor(
    private readonly db: Kysely<DB>,
    /** members' channel contexts across requests, invalidated by every change of their server */
    private readonly cached?: CachedReads<ChannelContextRow>,
  ) {
    this.channelContextQuery = CHANNEL_CONTEXT.compile(db) as CompiledQuery<ChannelContextRow>;
    this.serverContextQuery = SERVER_CONTEXT.compile(db) as CompiledQuery<ServerContextRow>;
  }

  /**
   * The permission inputs for (user, channel): one round trip, or none when cached. Only a
   * member's context is kept: every change to it (roles, overwrites, the channel, the server, the
   * membership, the account's departure) is an event of that server. Others are read each time,
   * and so are DMs' (a block, which a DM's context holds, is no event of the channel).
   */
  channelContext(userId: string, channelId: string): Promise<ChannelContextRow> {
    if (!this.cached) return this.readChannelContext(userId, channelId);
    return this.cached.through(
      `${userId}:${channelId}`,
      () => this.readChannelContext(userId, channelId),
      (row) =>
        row.id !== null && row.server_id !== null && row.member && row.username !== null
          ? [{ server: row.server_id }]
          : null,
    );
  }

  private async readChannelContext(userId: string, channelId: string): Promise<ChannelContextRow> {
    const res = await this.db.executeQuery<ChannelContextRow>({
      ...this.channelContextQuery,
      parameters: [userId, channelId],
    });
    return res.rows[0]!;
  }

  /** The permission inputs for (user, server) and all of its channels in one round trip. */
  async serverContext(userId: string, serverId: string): Promise<ServerContextRow | undefined> {
    const res = await this.db.executeQuery<ServerContextRow>({
      ...this.serverContextQuery,
      parameters: [userId, serverId],
    });
    return res.rows[0];
  }

  findUserRef(id: string) {
    return this.db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
  }

  findServer(id: string): Promise<ServerRef | undefined> {
    return this.db.selectFrom('servers').select(SERVER_REF_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** The member's timeout end, or undefined for a non-member. */
  memberState(serverId: string, userId: string) {
    return this.db
      .selectFrom('members')
      .select('communication_disabled_until')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
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
  memberRoles(serverId: string, userId: string, q: Kysely<DB> = this.db) {
    return q
      .selectFrom('roles')
      .select(['id', 'permissions', 'position'])
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

  /** A server's channel (a DM is none). */
  findChannel(id: string): Promise<ChannelRef | undefined> {
    return this.db
      .selectFrom('channels')
      .select(CHANNEL_REF_COLUMNS)
      .where('id', '=', id)
      .where('server_id', 'is not', null)
      .$narrowType<ServerChannelNarrow>()
      .executeTakeFirst();
  }

  listChannels(serverId: string): Promise<ChannelRow[]> {
    return this.db
      .selectFrom('channels')
      .select(CHANNEL_ROW_COLUMNS)
      .where('server_id', '=', serverId)
      .$narrowType<ServerChannelNarrow>()
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
    return this.db.selectFrom('roles').select(ROLE_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  findMessageRef(id: string): Promise<MessageRef | undefined> {
    return this.db
      .selectFrom('messages')
      .select(['id', 'channel_id', 'server_id', 'author_id', 'type'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
