/**
 * The one access helper: every service method starts here. Loads the resolver's inputs once per
 * request (an Access lives as long as its request, so no cache can go stale) and answers
 * 404 to non-members and to channels the caller cannot see, 403 for a missing bit. A channel
 * check loads user, channel, server, membership, roles and overwrites in one statement.
 */
import {
  OWNER_RANK,
  Permissions,
  badRequest,
  computePermissions,
  forbidden,
  hasPermission,
  isTimedOut,
  notFound,
  unauthorized,
  type Overwrite,
  type PermissionInput,
} from '@twopointo/shared';
import type {
  AccessRepository,
  ChannelContextRow,
  ChannelRef,
  ChannelRow,
  MessageRef,
  OverwriteRow,
  RoleBits,
  ServerRef,
} from './access.repository.ts';
import { missingPermission } from './permission-set.ts';

export interface ServerAccess {
  server: ServerRef;
  isOwner: boolean;
  /** server-level effective permissions (no channel overwrites) */
  permissions: bigint;
  input: PermissionInput;
  /** place in the role hierarchy: the highest role's position, OWNER_RANK for the owner */
  rank: number;
}
export interface ChannelAccess extends ServerAccess {
  kind: 'server';
  channel: ChannelRef;
  /** effective permissions in the channel */
  channelPermissions: bigint;
  /** the caller, as of the same statement */
  user: UserRef;
}
export interface UserRef {
  id: string;
  username: string;
  display_name?: string | null;
  avatar?: string | null;
}

/** A DM as its access check sees it. */
export interface DmRef {
  id: string;
  server_id: null;
  type: 'dm' | 'group_dm';
  /** '' for none */
  name: string;
  owner_id: string | null;
  created_at: Date;
}
/** A DM the caller is a recipient of. */
export interface DmAccess {
  kind: 'dm';
  channel: DmRef;
  /** every recipient's id, the caller's included */
  recipients: string[];
  /** what a recipient may do (DM_PERMISSIONS, less SEND_MESSAGES across a block) */
  channelPermissions: bigint;
  user: UserRef;
}
/** A server channel or a DM: where messages, reactions, pins, typing and read states live. */
export type ConversationAccess = ChannelAccess | DmAccess;

/**
 * What every recipient may do in a DM (as Discord): read, write, attach, react, and pin (checked
 * by the pin service: there is no MANAGE_MESSAGES here, so nobody deletes another's message).
 */
export const DM_PERMISSIONS =
  Permissions.VIEW_CHANNEL |
  Permissions.SEND_MESSAGES |
  Permissions.READ_MESSAGE_HISTORY |
  Permissions.ATTACH_FILES |
  Permissions.ADD_REACTIONS;

/** Who an event of this conversation goes to: the channel's subscribers, or a DM's recipients. */
export type Audience = { serverId: string; channelId: string } | { channelId: string; userIds: string[] };

export const audienceOf = (a: ConversationAccess): Audience =>
  a.kind === 'dm'
    ? { channelId: a.channel.id, userIds: a.recipients }
    : { serverId: a.channel.server_id, channelId: a.channel.id };

const toOverwrite = (o: OverwriteRow): Overwrite => ({
  type: o.type,
  target_id: o.target_id,
  allow: BigInt(o.allow),
  deny: BigInt(o.deny),
});

function permissionInput(
  userId: string,
  serverId: string,
  ownerId: string,
  roles: RoleBits[],
  communicationDisabledUntil: Date | string | null = null,
): PermissionInput {
  const everyone = roles.find((r) => r.id === serverId);
  return {
    userId,
    ownerId,
    everyone: { id: serverId, permissions: BigInt(everyone?.permissions ?? 0) },
    roles: roles
      .filter((r) => r.id !== serverId)
      .map((r) => ({ id: r.id, permissions: BigInt(r.permissions) })),
    communicationDisabledUntil,
    // judged now, at check time: a cached context never freezes a timeout
    now: Date.now(),
  };
}

/** The member's place in the hierarchy (see @twopointo/shared hierarchy.ts). */
function rankOf(userId: string, ownerId: string, roles: RoleBits[]): number {
  if (userId === ownerId) return OWNER_RANK;
  return roles.reduce((top, r) => Math.max(top, Number(r.position)), 0);
}

/**
 * For what takes no permission bit of its own but a timeout forbids (adding oneself to a reaction
 * already on a message): 403 member_timed_out while the caller's timeout runs. Owners and
 * ADMINISTRATOR are never timed out (see computePermissions).
 */
export function requireNotTimedOut(access: ConversationAccess): void {
  if (access.kind !== 'server') return;
  const { input } = access;
  if (!input.communicationDisabledUntil || access.isOwner) return;
  if ((access.permissions & Permissions.ADMINISTRATOR) !== 0n) return;
  if (isTimedOut(input.communicationDisabledUntil, input.now ?? Date.now())) throw denied(input, 0n);
}

/** 403 for missing bits: member_timed_out while a timeout runs, else missing_permission. */
function denied(input: PermissionInput, missing: bigint) {
  const until = input.communicationDisabledUntil;
  if (until && isTimedOut(until, input.now ?? Date.now()))
    return forbidden(
      `You are timed out until ${new Date(until).toISOString()}: you may read, not send, react, type or speak`,
      'member_timed_out',
    );
  return missingPermission(missing);
}

export class Access {
  private readonly servers = new Map<string, Promise<ServerAccess | null>>();
  private readonly contexts = new Map<string, Promise<ChannelContextRow>>();

  constructor(
    private readonly repo: AccessRepository,
    readonly userId: string,
  ) {}

  /** The server and the caller's permissions in it, or null when it does not exist or the caller is not a member. */
  serverAccess(serverId: string): Promise<ServerAccess | null> {
    let p = this.servers.get(serverId);
    if (!p) {
      p = this.load(serverId);
      this.servers.set(serverId, p);
    }
    return p;
  }

  async requireServerMember(serverId: string): Promise<ServerAccess> {
    const access = await this.serverAccess(serverId);
    if (!access) throw notFound('server');
    return access;
  }

  /** Member with every bit of `bits` at server level. */
  async requirePermission(serverId: string, bits: bigint): Promise<ServerAccess> {
    const access = await this.requireServerMember(serverId);
    if (!hasPermission(access.permissions, bits)) throw denied(access.input, bits & ~access.permissions);
    return access;
  }

  async requireOwner(serverId: string): Promise<ServerAccess> {
    const access = await this.requireServerMember(serverId);
    if (!access.isOwner) throw forbidden('Only the owner can do this', 'not_owner');
    return access;
  }

  /**
   * A server channel the caller can see (else 404: a DM is no server channel), with every bit of
   * `bits` in it (else 403); 401 when the caller no longer exists (routes that skip the trust
   * hook's user lookup rely on this).
   */
  async requireChannel(channelId: string, bits: bigint = 0n): Promise<ChannelAccess> {
    return (await this.resolve(channelId, bits, false)) as ChannelAccess;
  }

  /**
   * A server channel the caller can see or a DM they are a recipient of (else 404), with every bit
   * of `bits` there (else 403; sending across a block in a 1:1 DM is 403 `blocked`).
   */
  requireConversation(channelId: string, bits: bigint = 0n): Promise<ConversationAccess> {
    return this.resolve(channelId, bits, true);
  }

  private async resolve(channelId: string, bits: bigint, dms: boolean): Promise<ConversationAccess> {
    let p = this.contexts.get(channelId);
    if (!p) {
      p = this.repo.channelContext(this.userId, channelId);
      this.contexts.set(channelId, p);
    }
    const row = await p;
    if (row.username === null) throw unauthorized('Account no longer exists', 'unknown_user');
    if (row.id === null) throw notFound('channel');
    if (row.server_id === null) {
      if (!dms) throw notFound('channel');
      return this.dmAccess(row, row.id, row.username, bits);
    }
    if (!row.member) throw notFound('channel');
    const channel: ChannelRef = {
      id: row.id,
      server_id: row.server_id,
      name: row.name,
      topic: row.topic,
      position: row.position,
      created_at: row.created_at,
      // a channel with a server is one of the server kinds (channels_dm_server_check)
      type: row.type as ChannelRef['type'],
      parent_id: row.parent_id,
      user_limit: row.user_limit,
      bitrate: row.bitrate,
    };
    const input = permissionInput(
      this.userId,
      row.server_id,
      row.owner_id,
      row.roles,
      row.communication_disabled_until,
    );
    const server: ServerAccess = {
      server: {
        id: row.server_id,
        name: row.server_name,
        owner_id: row.owner_id,
        created_at: row.server_created_at,
        icon_asset_id: row.server_icon_asset_id,
      },
      isOwner: row.owner_id === this.userId,
      permissions: computePermissions(input),
      input,
      rank: rankOf(this.userId, row.owner_id, row.roles),
    };
    if (!this.servers.has(server.server.id)) this.servers.set(server.server.id, Promise.resolve(server));
    const perms = computePermissions({ ...input, overwrites: row.overwrites.map(toOverwrite) });
    if (!hasPermission(perms, Permissions.VIEW_CHANNEL)) throw notFound('channel');
    if (!hasPermission(perms, bits)) throw denied(input, bits & ~perms);
    return {
      kind: 'server',
      ...server,
      channel,
      channelPermissions: perms,
      user: { id: this.userId, username: row.username, display_name: row.display_name, avatar: row.avatar },
    };
  }

  private dmAccess(row: ChannelContextRow, id: string, username: string, bits: bigint): DmAccess {
    const recipients = row.recipients ?? [];
    if (!recipients.includes(this.userId)) throw notFound('channel');
    if (row.blocked && (bits & Permissions.SEND_MESSAGES) !== 0n)
      throw forbidden('A block stands between you and this user', 'blocked');
    if (!hasPermission(DM_PERMISSIONS, bits)) throw missingPermission(bits & ~DM_PERMISSIONS);
    return {
      kind: 'dm',
      channel: {
        id,
        server_id: null,
        type: row.type === 'group_dm' ? 'group_dm' : 'dm',
        name: row.name,
        owner_id: row.dm_owner_id,
        created_at: row.created_at,
      },
      recipients,
      channelPermissions: DM_PERMISSIONS,
      user: { id: this.userId, username },
    };
  }

  /** The ids of the server's channels the caller may VIEW_CHANNEL (by position then id), or null for a non-member. */
  async visibleChannelIds(serverId: string): Promise<string[] | null> {
    const row = await this.repo.serverContext(this.userId, serverId);
    if (!row || !row.member) return null;
    const input = permissionInput(this.userId, serverId, row.owner_id, row.roles);
    return row.channels
      .filter((c) =>
        hasPermission(
          computePermissions({ ...input, overwrites: c.overwrites.map(toOverwrite) }),
          Permissions.VIEW_CHANNEL,
        ),
      )
      .map((c) => c.id);
  }

  /** A message in a channel the caller can see or a DM they are in (else 404 unknown_message). */
  async requireMessage(messageId: string): Promise<ConversationAccess & { message: MessageRef }> {
    const message = await this.repo.findMessageRef(messageId);
    if (!message) throw notFound('message');
    try {
      return { ...(await this.requireConversation(message.channel_id)), message };
    } catch (err) {
      if ((err as { status?: number }).status === 404) throw notFound('message');
      throw err;
    }
  }

  /** A role of a server the caller is a member of (else 404 unknown_role), with server-level `bits`. */
  async requireRole(roleId: string, bits: bigint) {
    const role = await this.repo.findRole(roleId);
    const server = role && (await this.serverAccess(role.server_id));
    if (!role || !server) throw notFound('role');
    if (!hasPermission(server.permissions, bits)) throw denied(server.input, bits & ~server.permissions);
    return { ...server, role };
  }

  /** Effective permissions in each of the channels (which must belong to the server). */
  async channelPermissions(server: ServerAccess, channelIds: string[]): Promise<Map<string, bigint>> {
    const overwrites = await this.repo.overwrites(channelIds);
    const out = new Map<string, bigint>();
    for (const id of channelIds)
      out.set(id, computePermissions({ ...server.input, overwrites: overwrites.get(id) ?? [] }));
    return out;
  }

  /** The server's channels the caller may VIEW_CHANNEL, by position then id. */
  async visibleChannels(server: ServerAccess): Promise<ChannelRow[]> {
    const channels = await this.repo.listChannels(server.server.id);
    const perms = await this.channelPermissions(
      server,
      channels.map((c) => c.id),
    );
    return channels.filter((c) => hasPermission(perms.get(c.id) ?? 0n, Permissions.VIEW_CHANNEL));
  }

  /** A non-owner may only hand out (or take part in managing) bits they hold themselves. */
  requireGrantable(held: bigint, access: ServerAccess, bits: bigint): void {
    if (access.isOwner) return;
    const missing = bits & ~held;
    if (missing !== 0n) throw missingPermission(missing);
  }

  private async load(serverId: string): Promise<ServerAccess | null> {
    const [server, member] = await Promise.all([
      this.repo.findServer(serverId),
      this.repo.memberState(serverId, this.userId),
    ]);
    if (!server || !member) return null;
    const roles = await this.repo.memberRoles(serverId, this.userId);
    const input = permissionInput(
      this.userId,
      serverId,
      server.owner_id,
      roles,
      member.communication_disabled_until,
    );
    return {
      server,
      isOwner: server.owner_id === this.userId,
      permissions: computePermissions(input),
      input,
      rank: rankOf(this.userId, server.owner_id, roles),
    };
  }
}

/** Messages and typing happen in text channels only (else 400 not_text_channel). */
export function requireTextChannel(channel: Pick<ChannelRef, 'type'>): void {
  if (channel.type !== 'text')
    throw badRequest(
      'not_text_channel',
      `Messages go in text channels; this one is a ${channel.type} channel`,
    );
}
