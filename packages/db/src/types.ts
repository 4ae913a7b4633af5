/** Kysely table types. bigint columns travel as decimal strings on both dialects. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** int8 read as string, written as string or bigint */
type Int8 = ColumnType<string, string | bigint, string | bigint>;
type NullableInt8 = ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
/** int8[] read as decimal strings; written as an SQL expression (e.g. string_to_array(...)::bigint[]) */
type Int8Array = ColumnType<string[], string[] | undefined, string[]>;

export interface UsersTable {
  id: Int8;
  email: string;
  username: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: NullableInt8;
  recovery_confirmed_at: NullableTimestamp;
  created_at: Generated<Date>;
  /** shown instead of the username where set (1-32 characters) */
  display_name: ColumnType<string | null, string | null | undefined, string | null>;
  about: ColumnType<string | null, string | null | undefined, string | null>;
  /** a public, ready image asset of the user's */
  avatar_asset_id: NullableInt8;
}
export interface RecoveryCodesTable {
  id: Int8;
  user_id: Int8;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}
export interface RefreshTokensTable {
  id: Int8;
  user_id: Int8;
  family_id: Int8;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** the User-Agent that signed in, carried by every token of the family */
  user_agent: ColumnType<string | null, string | null | undefined, string | null>;
}
/** Single-use password reset tokens (hashed). */
export interface PasswordResetsTable {
  id: Int8;
  user_id: Int8;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}
/** jti of partial tokens that started a session; kept until the token would have expired anyway. */
export interface SpentPartialTokensTable {
  jti: string;
  expires_at: Timestamp;
}
export interface ServersTable {
  id: Int8;
  name: string;
  owner_id: Int8;
  created_at: Generated<Date>;
  /** a public image asset */
  icon_asset_id: NullableInt8;
}
export interface MembersTable {
  server_id: Int8;
  user_id: Int8;
  joined_at: Generated<Date>;
  nick: ColumnType<string | null, string | null | undefined, string | null>;
  /** the member may only read until then */
  communication_disabled_until: NullableTimestamp;
}
export interface RolesTable {
  id: Int8;
  server_id: Int8;
  name: string;
  permissions: Int8;
  position: Generated<number>;
  created_at: Generated<Date>;
  /** 0xRRGGBB; 0: none */
  color: Generated<number>;
  hoist: Generated<boolean>;
  mentionable: Generated<boolean>;
}
export interface MemberRolesTable {
  server_id: Int8;
  user_id: Int8;
  role_id: Int8;
}
export interface ChannelsTable {
  id: Int8;
  /** null exactly for DMs ('dm', 'group_dm') */
  server_id: NullableInt8;
  name: string;
  topic: string | null;
  position: Generated<number>;
  created_at: Generated<Date>;
  /** the newest message, kept at post and delete */
  last_message_id: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
  type: Generated<ChannelType>;
  /** the category it sits under */
  parent_id: NullableInt8;
  /** voice: 0 = no limit */
  user_limit: number | null;
  /** voice: bit/s */
  bitrate: number | null;
  /** a group DM's owner (its creator) */
  owner_id: NullableInt8;
  /** a 1:1 DM's pair, lower id first (unique among DMs) */
  dm_user_lo: NullableInt8;
  dm_user_hi: NullableInt8;
}
/** Who is in a DM; `last_activity_id` is the channel's newest message (or its id before any). */
export interface ChannelRecipientsTable {
  channel_id: Int8;
  user_id: Int8;
  last_activity_id: Int8;
  added_at: Generated<Date>;
  /** the DM was closed by this user at that activity: hidden from their list until newer activity */
  closed_through: NullableInt8;
}
/** a server's channel kinds, and the DM kinds (no server) */
export type ChannelType = 'text' | 'voice' | 'category' | 'dm' | 'group_dm';
export interface ChannelOverwritesTable {
  channel_id: Int8;
  target_id: Int8;
  type: 'role' | 'member';
  allow: Int8;
  deny: Int8;
}
export interface MessagesTable {
  id: Int8;
  channel_id: Int8;
  /** null in a DM */
  server_id: NullableInt8;
  author_id: Int8;
  content: string;
  reply_to_id: NullableInt8;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
  /** int8[]: read as decimal strings on both dialects */
  mentions: Int8Array;
  mention_roles: Int8Array;
  mention_everyone: Generated<boolean>;
  /** generated: to_tsvector('simple', content), GIN-indexed; never written */
  search: ColumnType<string, never, never>;
  /** when the message was pinned; null when it is not */
  pinned_at: NullableTimestamp;
  /** 'default', or 'pin' for the system line a pin writes */
  type: Generated<'default' | 'pin'>;
  /** for type 'pin': the pinned message (no foreign key: it may be deleted) */
  reference_id: NullableInt8;
  /** [[emoji, count], ...] in first-used order, kept by a trigger (migration 012); null: none */
  reaction_counts: ColumnType<[string, number][] | null, never, never>;
}
export interface ReadStatesTable {
  user_id: Int8;
  channel_id: Int8;
  last_read_id: NullableInt8;
  mention_count: Generated<number>;
}
export interface MessageMentionsTable {
  message_id: Int8;
  user_id: Int8;
  channel_id: Int8;
}
/** One user's reaction with one emoji to one message (primary key: message_id, emoji, user_id). */
export interface MessageReactionsTable {
  message_id: Int8;
  emoji: string;
  user_id: Int8;
  created_at: Generated<Date>;
}
/** user_id blocks blocked_id. */
export interface UserBlocksTable {
  user_id: Int8;
  blocked_id: Int8;
  created_at: Generated<Date>;
}
export interface InvitesTable {
  code: string;
  server_id: Int8;
  inviter_id: Int8;
  max_uses: number | null;
  uses: Generated<number>;
  expires_at: NullableTimestamp;
  created_at: Generated<Date>;
}
export interface AssetsTable {
  id: Int8;
  owner_id: Int8;
  filename: string;
  content_type: string;
  size: Int8;
  storage_key: string;
  status: Generated<'pending' | 'ready'>;
  created_at: Generated<Date>;
  completed_at: NullableTimestamp;
  /** served without a token by GET /api/images (avatars, server icons) */
  public: Generated<boolean>;
  /** pixel size of an image, read from its bytes at complete (013); null for other files */
  width: number | null;
  height: number | null;
}
/** A resized copy of a public image asset. */
export interface ImageVariantsTable {
  asset_id: Int8;
  size: number;
  storage_key: string;
  bytes: number;
  created_at: Generated<Date>;
}
export interface MessageAttachmentsTable {
  message_id: Int8;
  asset_id: Int8;
  position: Generated<number>;
}
export interface OutboxTable {
  seq: Generated<string>;
  event_id: Int8;
  payload: string;
  created_at: Generated<Date>;
  published_at: NullableTimestamp;
}

export interface BansTable {
  server_id: Int8;
  user_id: Int8;
  reason: string | null;
  moderator_id: NullableInt8;
  created_at: Generated<Date>;
}
export interface AuditLogTable {
  id: Int8;
  server_id: Int8;
  action: string;
  actor_id: Int8;
  target_id: NullableInt8;
  reason: string | null;
  /** JSON array of {key, old, new} */
  changes: string;
  created_at: Generated<Date>;
}

export interface DB {
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  refresh_tokens: RefreshTokensTable;
  spent_partial_tokens: SpentPartialTokensTable;
  servers: ServersTable;
  members: MembersTable;
  roles: RolesTable;
  member_roles: MemberRolesTable;
  channels: ChannelsTable;
  channel_recipients: ChannelRecipientsTable;
  channel_overwrites: ChannelOverwritesTable;
  messages: MessagesTable;
  invites: InvitesTable;
  assets: AssetsTable;
  image_variants: ImageVariantsTable;
  password_resets: PasswordResetsTable;
  message_attachments: MessageAttachmentsTable;
  read_states: ReadStatesTable;
  message_mentions: MessageMentionsTable;
  message_reactions: MessageReactionsTable;
  user_blocks: UserBlocksTable;
  outbox: OutboxTable;
  bans: BansTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ServerRow = Selectable<ServersTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type RoleRow = Selectable<RolesTable>;
export type InviteRow = Selectable<InvitesTable>;
export type AssetRow = Selectable<AssetsTable>;
export type OverwriteRow = Selectable<ChannelOverwritesTable>;

/** Every application table, for reset tooling (the migrations table is not one). */
export const APP_TABLES: readonly (keyof DB)[] = [
  'audit_log',
  'bans',
  'message_reactions',
  'user_blocks',
  'message_mentions',
  'read_states',
  'message_attachments',
  'messages',
  'channel_overwrites',
  'channel_recipients',
  'channels',
  'member_roles',
  'roles',
  'invites',
  'members',
  'servers',
  'image_variants',
  'assets',
  'password_resets',
  'recovery_codes',
  'refresh_tokens',
  'spent_partial_tokens',
  'users',
  'outbox',
];
