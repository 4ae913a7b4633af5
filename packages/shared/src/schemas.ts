/**
 * REST wire types, as TypeBox schemas: services use them for validation and serialization,
 * the web client and tests import the inferred types. Ids are snowflake strings, times ISO-8601.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const Id = Type.String({ pattern: '^[0-9]{1,19}$', description: 'snowflake id' });
export const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T, options?: { description: string }) =>
  Type.Union([t, Type.Null()], options);

/**
 * The keyword a schema names its own validation message with (server-kit answers it instead of
 * the validator's sentence); an OpenAPI extension, so the documents stay valid.
 */
export const ERROR_MESSAGE = 'x-error-message';

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

// ---- Identity ----
// Identity trims email and username; the patterns allow the whitespace it trims
export const RegisterBody = Type.Object({
  email: Type.String({
    maxLength: 254,
    pattern: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$',
    [ERROR_MESSAGE]: 'must be a valid email address',
  }),
  username: Type.String({
    maxLength: 64,
    pattern: '^\\s*[A-Za-z0-9_.]{2,32}\\s*$',
    description: '2-32 characters of a-z, 0-9, _ and . (case-insensitive, unique)',
    [ERROR_MESSAGE]: 'must be 2-32 characters of a-z, 0-9, _ and .',
  }),
  password: Type.String({
    minLength: 8,
    maxLength: 1024,
    description: 'at least 8 characters (Unicode code points)',
    [ERROR_MESSAGE]: 'must be at least 8 characters (at most 1024)',
  }),
});
export const RegisteredUser = Type.Object({ id: Id, email: Type.String(), username: Type.String() });
export const LoginBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 1024 }),
});
export const LoginResult = Type.Object({
  partial_token: Type.String(),
  next: Type.Union([Type.Literal('2fa_setup'), Type.Literal('2fa_verify')]),
});
export const TotpSetupResult = Type.Object({ totp_secret: Type.String(), otpauth_url: Type.String() });
export const VerifyBody = Type.Object({
  code: Type.String({
    maxLength: 16,
    pattern: '^[\\s-]*(?:[0-9][\\s-]*){6}$',
    description: 'the 6-digit TOTP code; spaces and "-" between digits are ignored',
    [ERROR_MESSAGE]: 'must be 6 digits',
  }),
});
export const RecoverBody = Type.Object({ recovery_code: Type.String({ maxLength: 64 }) });
export const TokenPair = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  recovery_codes: Type.Optional(Type.Array(Type.String())),
  recovery_codes_left: Type.Optional(
    Type.Integer({ description: 'after a sign-in with a recovery code: how many unused ones remain' }),
  ),
});
export const RefreshBody = Type.Object({ refresh_token: Type.String({ maxLength: 256 }) });
export const Me = Type.Object({
  id: Id,
  email: Type.String(),
  username: Type.String(),
  created_at: Timestamp,
  twofa_enabled: Type.Boolean(),
  display_name: Nullable(Type.String(), { description: 'shown instead of the username where set' }),
  avatar: Nullable(Id, { description: 'asset id of the avatar: GET /api/images/{avatar}/{size}' }),
  about: Nullable(Type.String()),
});
const USERNAME_PATTERN = '^\\s*[A-Za-z0-9_.]{2,32}\\s*$';
export const UpdateMeBody = Type.Object(
  {
    username: Type.Optional(
      Type.String({
        maxLength: 64,
        pattern: USERNAME_PATTERN,
        [ERROR_MESSAGE]: 'must be 2-32 characters of a-z, 0-9, _ and .',
      }),
    ),
    display_name: Type.Optional(
      Nullable(
        Type.String({ maxLength: 64, description: '1-32 characters once trimmed; null or "" removes it' }),
      ),
    ),
    avatar_asset_id: Type.Optional(
      Nullable(Id, {
        description: 'a completed image asset of the caller (png, jpeg, webp, gif); null removes it',
      }),
    ),
    about: Type.Optional(Nullable(Type.String({ maxLength: 190 }))),
  },
  { minProperties: 1 },
);
/** A signed-in device: one refresh-token family. */
export const Session = Type.Object({
  id: Id,
  created_at: Timestamp,
  last_used_at: Timestamp,
  user_agent: Nullable(Type.String()),
  current: Type.Boolean({ description: 'the session of the access token making the call' }),
});
const NewPassword = Type.String({
  minLength: 8,
  maxLength: 1024,
  description: 'at least 8 characters (Unicode code points)',
  [ERROR_MESSAGE]: 'must be at least 8 characters (at most 1024)',
});
export const ChangePasswordBody = Type.Object({
  password: Type.String({ maxLength: 1024 }),
  new_password: NewPassword,
});
export const NewRecoveryCodesBody = Type.Object({
  code: Type.String({ maxLength: 16, description: 'a current TOTP code' }),
});
export const RecoveryCodes = Type.Object({ recovery_codes: Type.Array(Type.String()) });
export const PasswordResetBody = Type.Object({ email: Type.String({ maxLength: 254 }) });
export const PasswordResetConfirmBody = Type.Object({
  token: Type.String({ maxLength: 128 }),
  new_password: NewPassword,
  code: Type.String({ maxLength: 64, description: 'a current TOTP code or an unused recovery code' }),
});
export const DeleteMeBody = Type.Object({
  password: Type.String({ maxLength: 1024 }),
  code: Type.String({ maxLength: 64 }),
});

// ---- Official ----
export const UserRef = Type.Object({
  id: Id,
  username: Type.String(),
  display_name: Type.Optional(
    Nullable(Type.String(), { description: 'shown instead of the username where set' }),
  ),
  avatar: Type.Optional(Nullable(Id, { description: 'avatar asset id: GET /api/images/{avatar}/{size}' })),
});
/** A user's public profile, as USER_UPDATE carries it. */
export const PublicUser = Type.Object({
  id: Id,
  username: Type.String(),
  display_name: Nullable(Type.String()),
  avatar: Nullable(Id),
  about: Nullable(Type.String()),
});
export const Server = Type.Object({
  id: Id,
  name: Type.String(),
  owner_id: Id,
  created_at: Timestamp,
  icon_asset_id: Nullable(Id, {
    description: 'the icon: GET /api/images/{icon_asset_id}/{size}; null: none',
  }),
});
export const CHANNEL_TYPES = ['text', 'voice', 'category'] as const;
export const ChannelType = Type.Union(
  CHANNEL_TYPES.map((t) => Type.Literal(t)),
  { description: 'text: messages; voice: talk; category: a heading that groups channels' },
);
export const Channel = Type.Object({
  id: Id,
  server_id: Id,
  name: Type.String(),
  topic: Nullable(Type.String()),
  position: Type.Integer(),
  created_at: Timestamp,
  last_message_id: Nullable(Id, {
    description: 'the newest message; the channel is unread when it is above the read marker',
  }),
  type: ChannelType,
  parent_id: Nullable(Id, { description: 'the category the channel sits under' }),
  user_limit: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 99,
      description: 'voice only: at most this many at once; 0: no limit',
    }),
  ),
  bitrate: Type.Optional(
    Type.Integer({ minimum: 8000, maximum: 96000, description: 'voice only: audio bit/s' }),
  ),
});
/**
 * An image's pixel size (Discord's attachment `width`/`height`), read by Official from the
 * stored bytes; null for a file that is not an image (or could not be read as one).
 */
const ImageSize = {
  width: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'image width in pixels; null when not an image',
  }),
  height: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'image height in pixels; null when not an image',
  }),
};
export const Attachment = Type.Object({
  id: Id,
  filename: Type.String(),
  content_type: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
  ...ImageSize,
});
/** One emoji's reactions on a message. */
export const Reaction = Type.Object({
  emoji: Type.String({ description: 'a Unicode emoji' }),
  count: Type.Integer({ description: 'users who reacted with it' }),
  me: Type.Boolean({
    description: 'the caller is one of them (always false in gateway events: they go to everyone)',
  }),
});
export const Message = Type.Object({
  id: Id,
  channel_id: Id,
  server_id: Nullable(Id, { description: 'null in a DM' }),
  author: UserRef,
  content: Type.String(),
  attachments: Type.Array(Attachment),
  reply_to_id: Nullable(Id),
  created_at: Timestamp,
  edited_at: Nullable(Timestamp),
  mentions: Type.Array(Id, { description: 'users mentioned by <@id> (members who can view the channel)' }),
  mention_roles: Type.Array(Id, { description: 'roles of this server mentioned by <@&id>' }),
  mention_everyone: Type.Boolean({ description: '@everyone or @here, by an author with MENTION_EVERYONE' }),
  reactions: Type.Array(Reaction, { description: 'per emoji, in the order each was first used' }),
  pinned: Type.Boolean(),
  type: Type.Union([Type.Literal('default'), Type.Literal('pin')], {
    description: "'default': written by its author; 'pin': the system line \"<author> pinned a message\"",
  }),
  reference_id: Nullable(Id, {
    description: "for type 'pin': the pinned message (it may have been deleted)",
  }),
});
/** A 1:1 DM or a group DM: a channel without a server, reached through its recipients. */
export const DmChannel = Type.Object({
  id: Id,
  type: Type.Union([Type.Literal('dm'), Type.Literal('group_dm')]),
  name: Nullable(Type.String(), { description: "a group DM's name; null: named after its recipients" }),
  owner_id: Nullable(Id, { description: "a group DM's owner (may remove others); null for a 1:1 DM" }),
  recipients: Type.Array(UserRef, { description: 'everyone in it but the caller, by username' }),
  last_message_id: Nullable(Id, {
    description: 'the newest message; the DM is unread when it is above the read marker',
  }),
  created_at: Timestamp,
});
/** A user's read marker in a channel and the mentions of them after it. */
export const ReadState = Type.Object({
  channel_id: Id,
  last_read_id: Nullable(Id, { description: 'the newest message read; null before the first ack' }),
  mention_count: Type.Integer({ description: 'messages after the marker that mention the user' }),
});
/** Who is in which voice channel, and how (self_* set by the user, mute/deaf by moderators). */
export const VoiceState = Type.Object({
  user_id: Id,
  server_id: Id,
  channel_id: Nullable(Id, { description: 'null in the event that announces a leave' }),
  self_mute: Type.Boolean(),
  self_deaf: Type.Boolean(),
  mute: Type.Boolean({ description: 'server mute (MUTE_MEMBERS); enforced at the media server' }),
  deaf: Type.Boolean({ description: 'server deafen (DEAFEN_MEMBERS)' }),
  self_video: Type.Boolean(),
  self_stream: Type.Boolean(),
  suppress: Type.Boolean({
    description: 'may not speak here (no SPEAK, or timed out); enforced like a mute',
  }),
});
export const Role = Type.Object({
  id: Id,
  server_id: Id,
  name: Type.String(),
  permissions: Type.String({ description: 'permission bit set as a decimal string' }),
  position: Type.Integer({ description: 'higher is higher in the hierarchy; @everyone is 0' }),
  created_at: Timestamp,
  color: Type.Integer({ minimum: 0, maximum: 0xffffff, description: '0xRRGGBB; 0: no colour' }),
  hoist: Type.Boolean({ description: 'its members are listed apart in the member list' }),
  mentionable: Type.Boolean({ description: 'anyone may @mention it' }),
});
export const Member = Type.Object({
  user: UserRef,
  roles: Type.Array(Id),
  joined_at: Timestamp,
  status: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
  nick: Nullable(Type.String(), { description: 'the name shown in this server; null: none' }),
  communication_disabled_until: Nullable(Timestamp, {
    description: 'timed out until then (may read, not send, react, type or speak); null: not timed out',
  }),
});
export const Ban = Type.Object({
  user: UserRef,
  reason: Nullable(Type.String()),
  created_at: Timestamp,
});
export const AuditLogChange = Type.Object({
  key: Type.String(),
  old: Type.Optional(Type.Unknown()),
  new: Type.Optional(Type.Unknown()),
});
export const AuditLogEntry = Type.Object({
  id: Id,
  action: Type.String({ description: 'what happened, e.g. member_ban_add (see docs/API.md)' }),
  actor_id: Id,
  target_id: Nullable(Id),
  reason: Nullable(Type.String()),
  changes: Type.Array(AuditLogChange),
  created_at: Timestamp,
});
export const Invite = Type.Object({
  code: Type.String(),
  server_id: Id,
  inviter_id: Id,
  max_uses: Nullable(Type.Integer()),
  uses: Type.Integer(),
  expires_at: Nullable(Timestamp),
  created_at: Timestamp,
  inviter: Type.Optional(UserRef),
});
export const InvitePreview = Type.Object({
  code: Type.String(),
  server: Type.Object({ id: Id, name: Type.String(), icon_asset_id: Nullable(Id) }),
  member_count: Type.Integer(),
});
export const ChannelOverwrite = Type.Object({
  channel_id: Id,
  target_id: Id,
  type: Type.Union([Type.Literal('role'), Type.Literal('member')]),
  allow: Type.String(),
  deny: Type.String(),
});
export const Asset = Type.Object({
  id: Id,
  filename: Type.String(),
  content_type: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
  ...ImageSize,
});
export const AssetLimits = Type.Object({
  content_types: Type.Array(Type.String(), { description: 'the content types an upload may declare' }),
  max_bytes: Type.Integer({ description: 'the largest upload, in bytes' }),
});
export const AssetUpload = Type.Object({
  id: Id,
  upload: Type.Object({
    url: Type.String(),
    method: Type.Literal('PUT'),
    headers: Type.Record(Type.String(), Type.String()),
  }),
});

export type RegisterBody = Static<typeof RegisterBody>;
export type RegisteredUser = Static<typeof RegisteredUser>;
export type LoginResult = Static<typeof LoginResult>;
export type TotpSetupResult = Static<typeof TotpSetupResult>;
export type TokenPair = Static<typeof TokenPair>;
export type Me = Static<typeof Me>;
export type UpdateMeBody = Static<typeof UpdateMeBody>;
export type Session = Static<typeof Session>;
export type PublicUser = Static<typeof PublicUser>;
export type UserRef = Static<typeof UserRef>;
export type Server = Static<typeof Server>;
export type Channel = Static<typeof Channel>;
export type ChannelType = Static<typeof ChannelType>;
export type Attachment = Static<typeof Attachment>;
export type Reaction = Static<typeof Reaction>;
export type Message = Static<typeof Message>;
export type DmChannel = Static<typeof DmChannel>;
export type ReadState = Static<typeof ReadState>;
export type Role = Static<typeof Role>;
export type Member = Static<typeof Member>;
export type Invite = Static<typeof Invite>;
export type InvitePreview = Static<typeof InvitePreview>;
export type Ban = Static<typeof Ban>;
export type AuditLogChange = Static<typeof AuditLogChange>;
export type AuditLogEntry = Static<typeof AuditLogEntry>;
export type ChannelOverwrite = Static<typeof ChannelOverwrite>;
export type Asset = Static<typeof Asset>;
export type AssetUpload = Static<typeof AssetUpload>;
export type AssetLimits = Static<typeof AssetLimits>;
export type VoiceState = Static<typeof VoiceState>;
export type ErrorBody = Static<typeof ErrorSchema>;
