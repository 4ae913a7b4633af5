/**
 * Mentions in message content, resolved by the server at post and edit: `<@USER_ID>` (and the
 * `<@!USER_ID>` nickname form), `<@&ROLE_ID>`, `@everyone`, `@here`. Pure: the caller loads the
 * channel's audience (MentionRepository) only when `parseMentions` found something.
 */
import {
  Permissions,
  computePermissions,
  hasPermission,
  isSnowflake,
  type Overwrite,
  type PermissionInput,
} from '@twopointo/shared';

/** What the content asks for, before any check. */
export interface ParsedMentions {
  /** user ids in order of first appearance */
  users: string[];
  /** role ids in order of first appearance */
  roles: string[];
  everyone: boolean;
  here: boolean;
}

/** What a message carries and whom it notifies. */
export interface ResolvedMentions {
  /** `<@id>` users that are members able to view the channel (the wire `mentions`) */
  users: string[];
  /** `<@&id>` roles of this server, @everyone's own id excluded (the wire `mention_roles`) */
  roles: string[];
  /** @everyone or @here by an author with MENTION_EVERYONE (the wire `mention_everyone`) */
  everyone: boolean;
  /** every user whose mention count goes up: the above, members of the roles, everyone; never the author */
  notified: string[];
}

export const NO_MENTIONS: ResolvedMentions = { users: [], roles: [], everyone: false, notified: [] };

const USER = /<@!?(\d{1,19})>/g;
const ROLE = /<@&(\d{1,19})>/g;
// not inside a word or an e-mail address (a@everyone.org is no mention)
const EVERYONE = /(?<![\w@])@everyone\b/;
const HERE = /(?<![\w@])@here\b/;

function ids(content: string, re: RegExp): string[] {
  const out = new Set<string>();
  for (const m of content.matchAll(re)) if (isSnowflake(m[1]!)) out.add(m[1]!);
  return [...out];
}

export function parseMentions(content: string): ParsedMentions {
  // the common message mentions nobody: one scan for '@' decides it
  if (!content.includes('@')) return { users: [], roles: [], everyone: false, here: false };
  return {
    users: ids(content, USER),
    roles: ids(content, ROLE),
    everyone: EVERYONE.test(content),
    here: HERE.test(content),
  };
}

export const mentionsAnything = (p: ParsedMentions): boolean =>
  p.users.length > 0 || p.roles.length > 0 || p.everyone || p.here;

/** The channel's side of a resolution: who could be notified and what they may see. */
export interface MentionAudience {
  serverId: string;
  ownerId: string;
  /** @everyone's permission bits */
  everyonePermissions: bigint;
  /** every role of the server (for checking `<@&id>` and members' permissions) */
  roles: { id: string; permissions: bigint }[];
  overwrites: Overwrite[];
  /** the members that the mentions could reach, with their role ids (@everyone's not included) */
  members: { user_id: string; roles: string[] }[];
  /** for @here (without @everyone): members with an open socket; all members count otherwise */
  online?: Set<string>;
}

/**
 * Resolves what the content asks for against the channel's audience. `canMentionEveryone`: the
 * author's MENTION_EVERYONE in the channel; without it @everyone and @here are plain text.
 */
export function resolveMentions(
  parsed: ParsedMentions,
  audience: MentionAudience,
  authorId: string,
  canMentionEveryone: boolean,
): ResolvedMentions {
  const roleBits = new Map(audience.roles.map((r) => [r.id, r.permissions]));
  const roles = parsed.roles.filter((id) => id !== audience.serverId && roleBits.has(id));
  const everyone = canMentionEveryone && (parsed.everyone || parsed.here);
  const canView = (m: { user_id: string; roles: string[] }) => {
    const input: PermissionInput = {
      userId: m.user_id,
      ownerId: audience.ownerId,
      everyone: { id: audience.serverId, permissions: audience.everyonePermissions },
      roles: m.roles.flatMap((id) => {
        const permissions = roleBits.get(id);
        return permissions === undefined ? [] : [{ id, permissions }];
      }),
      overwrites: audience.overwrites,
    };
    return hasPermission(computePermissions(input), Permissions.VIEW_CHANNEL);
  };
  const viewers = new Map(audience.members.filter(canView).map((m) => [m.user_id, m]));
  const users = parsed.users.filter((id) => viewers.has(id));
  const notified = new Set(users);
  if (roles.length > 0) {
    const wanted = new Set(roles);
    for (const m of viewers.values()) if (m.roles.some((r) => wanted.has(r))) notified.add(m.user_id);
  }
  if (everyone) {
    const onlyOnline = !parsed.everyone ? audience.online : undefined;
    for (const id of viewers.keys()) if (!onlyOnline || onlyOnline.has(id)) notified.add(id);
  }
  notified.delete(authorId);
  return { users, roles, everyone, notified: [...notified] };
}

/** Where the resolver gets the channel's audience and who is online (for @here). */
export interface MentionSources {
  audience(
    serverId: string,
    channelId: string,
    want: { users: string[]; roles: string[]; all: boolean },
  ): Promise<Pick<MentionAudience, 'roles' | 'overwrites' | 'members'>>;
  online(userIds: string[]): Promise<Set<string>>;
}

/** The author's side: their channel, server and permissions there (a ChannelAccess). */
export interface MentionAuthor {
  user: { id: string };
  channel: { id: string; server_id: string };
  server: { owner_id: string };
  input: { everyone: { permissions: bigint } };
  channelPermissions: bigint;
}

/** Parses and resolves; content without mention syntax costs no query. */
export async function mentionsIn(
  content: string,
  author: MentionAuthor,
  sources: MentionSources,
): Promise<ResolvedMentions> {
  const parsed = parseMentions(content);
  if (!mentionsAnything(parsed)) return NO_MENTIONS;
  const everyone = hasPermission(author.channelPermissions, Permissions.MENTION_EVERYONE);
  const all = everyone && (parsed.everyone || parsed.here);
  // @everyone without the permission is plain text: nothing to look up
  if (!all && parsed.users.length === 0 && parsed.roles.length === 0) return NO_MENTIONS;
  const { channel } = author;
  const rows = await sources.audience(channel.server_id, channel.id, {
    users: parsed.users,
    roles: parsed.roles,
    all,
  });
  const online =
    all && !parsed.everyone ? await sources.online(rows.members.map((m) => m.user_id)) : undefined;
  return resolveMentions(
    parsed,
    {
      serverId: channel.server_id,
      ownerId: author.server.owner_id,
      everyonePermissions: author.input.everyone.permissions,
      ...rows,
      ...(online ? { online } : {}),
    },
    author.user.id,
    everyone,
  );
}

/**
 * Mentions in a DM: `<@id>` of its recipients only (no roles, no @everyone). Every message
 * notifies every other recipient, so a DM's mention count is its unread messages (as Discord
 * badges DMs).
 */
export function dmMentions(content: string, recipients: string[], authorId: string): ResolvedMentions {
  const inDm = new Set(recipients);
  const parsed = parseMentions(content);
  return {
    users: parsed.users.filter((id) => inDm.has(id)),
    roles: [],
    everyone: false,
    notified: recipients.filter((id) => id !== authorId),
  };
}
