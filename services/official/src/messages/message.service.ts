/**
 * Message rules: SEND_MESSAGES to post (ATTACH_FILES with files), history needs
 * READ_MESSAGE_HISTORY, authors edit, authors or MANAGE_MESSAGES delete. Mentions are resolved at
 * post and edit; the notified users' counts and each channel's newest message change with them.
 */
import type { Limit, RateLimiter } from '@twopointo/cache';
import {
  Permissions,
  badRequest,
  forbidden,
  newId,
  notFound,
  unauthorized,
  type Message,
} from '@twopointo/shared';
import { audienceOf, requireTextChannel, type ConversationAccess } from '../access/access.service.ts';
import type { CachedReads, Scope } from '../cache/read-cache.ts';
import { GroupWriter } from '../events/group-writer.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import type { ReactionRepository } from '../reactions/reaction.repository.ts';
import type { MessageLoader } from './message-loader.ts';
import { presentMessage } from './message.presenter.ts';
import type { MessageRepository, PageQuery, PageRow, PendingMessage } from './message.repository.ts';
import { MAX_PAGE } from './message.schema.ts';
import type { MentionRepository } from './mention.repository.ts';
import { dmMentions, mentionsIn, type MentionSources, type ResolvedMentions } from './mentions.ts';

export const MAX_CONTENT = 4000;

/**
 * A channel's newest messages (up to MAX_PAGE), newest first, as served to a viewer who reacted to
 * none of them: `me` is false in every reaction (the viewer's own are laid over per request).
 */
export interface NewestPage {
  messages: Message[];
  /** older messages exist beyond these */
  hasMore: boolean;
  /** the response body per `limit`, serialised once and reused until the page is invalidated */
  json: Map<number, string>;
  /** ids of the messages with reactions: the only ones whose `me` depends on the viewer */
  reacted: string[];
  /** tells this load of the page from the next (a viewer's entry names the load it belongs to) */
  gen: number;
}

/** One viewer's reactions on one load of a newest page, and the bodies with `me` filled in. */
export interface ViewerReactions {
  /** emoji the viewer reacted with, per message id (empty: the shared bodies serve) */
  mine: Map<string, Set<string>>;
  json: Map<number, string>;
}

/** The read caches behind `list` (absent when the read cache is off). */
export interface MessageCaches {
  /** newest pages across requests, invalidated by every message event of the channel */
  newest: CachedReads<NewestPage>;
  /** viewers' reactions on a newest page, keyed by the page's load */
  viewers: CachedReads<ViewerReactions>;
}

let pageGen = 0;

/** The page's messages with `me` set where the viewer reacted (the others are shared as they are). */
function withMine(messages: Message[], mine: Map<string, Set<string>>): Message[] {
  return messages.map((m) => {
    const emoji = mine.get(m.id);
    if (!emoji) return m;
    return { ...m, reactions: m.reactions.map((r) => (emoji.has(r.emoji) ? { ...r, me: true } : r)) };
  });
}

/** The body for `limit` messages of a newest page, serialised once per limit into `json`. */
function pageJson(
  json: Map<number, string>,
  messagesOf: () => Message[],
  hasMore: boolean,
  limit: number,
): string {
  let body = json.get(limit);
  if (body === undefined) {
    const messages = messagesOf();
    body = JSON.stringify({
      messages: messages.slice(0, limit),
      has_more: messages.length > limit || hasMore,
    });
    json.set(limit, body);
  }
  return body;
}

export interface CreateMessageInput {
  content?: string;
  attachment_ids?: string[];
  reply_to_id?: string | null;
}

function checkContent(raw: string | undefined, hasAttachments: boolean): string {
  const content = (raw ?? '').trim();
  if (content.length > MAX_CONTENT)
    throw badRequest('invalid_input', `body.content: must be at most ${MAX_CONTENT} characters`);
  if (content.length === 0 && !hasAttachments)
    throw badRequest('invalid_input', 'body.content: must not be empty without attachments');
  return content;
}

/**
 * A write that lost a race with a delete (author, channel or asset gone since the access check)
 * is the error the check would have given, never a 500.
 */
export function raceError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code !== '23503') return err;
  switch (e.constraint) {
    case 'messages_author_id_fkey':
      return unauthorized('Account no longer exists', 'unknown_user');
    case 'messages_channel_id_fkey':
    case 'messages_server_id_fkey':
      return notFound('channel');
    case 'message_attachments_asset_id_fkey':
      return badRequest(
        'invalid_attachment',
        'body.attachment_ids: each must be one of your uploaded, completed assets',
      );
    default:
      return err;
  }
}

export class MessageService {
  /** concurrent posts share one insert statement (group commit) */
  private readonly writer: GroupWriter<PendingMessage>;
  private readonly sources: MentionSources;

  constructor(
    private readonly repo: MessageRepository,
    private readonly mentionRepo: MentionRepository,
    private readonly loader: MessageLoader,
    private readonly reactions: Pick<ReactionRepository, 'mine'>,
    /** who of these users has an open socket (for @here) */
    online: (userIds: string[]) => Promise<Set<string>>,
    private readonly tx: Transactor,
    private readonly limiter: RateLimiter,
    private readonly limit: Limit,
    /** called after a delete commits with the asset ids the message held (their objects may go) */
    private readonly releaseAssets?: (assetIds: string[]) => Promise<unknown>,
    private readonly caches?: MessageCaches,
    /** records deletions by moderators (someone else's message) */
    private readonly audit?: AuditRepository,
  ) {
    this.writer = new GroupWriter((items) => this.repo.insertWithEvents(items));
    this.sources = { audience: (...args) => mentionRepo.audience(...args), online };
  }

  async create(actor: Actor, channelId: string, body: CreateMessageInput): Promise<Message> {
    const assetIds = body.attachment_ids ?? [];
    const needed = Permissions.SEND_MESSAGES | (assetIds.length > 0 ? Permissions.ATTACH_FILES : 0n);
    const access = await actor.access.requireConversation(channelId, needed);
    const { user } = access;
    const serverId = access.channel.server_id;
    if (access.kind === 'server') requireTextChannel(access.channel);
    const content = checkContent(body.content, assetIds.length > 0);
    if (new Set(assetIds).size !== assetIds.length)
      throw badRequest('invalid_input', 'body.attachment_ids: must be distinct');
    const assets = await this.repo.readyAssets(actor.id, assetIds);
    if (assets.length !== assetIds.length) {
      throw badRequest(
        'invalid_attachment',
        'body.attachment_ids: each must be one of your uploaded, completed assets',
      );
    }
    const replyToId = body.reply_to_id ?? null;
    if (replyToId !== null && !(await this.repo.existsInChannel(replyToId, channelId))) {
      throw badRequest('invalid_reply', 'body.reply_to_id: must be a message in this channel');
    }
    await this.limiter.consume(`msg:${actor.id}:${channelId}`, this.limit);
    const mentions = await this.mentions(content, access);
    const byId = new Map(assets.map((a) => [a.id, a]));
    const ordered = assetIds.map((id) => byId.get(id)!);
    const id = newId();
    // built from what the request already holds: the insert needs no read back
    const message = presentMessage(
      {
        id,
        channel_id: channelId,
        server_id: serverId,
        author_id: actor.id,
        author_username: user.username,
        author_display_name: user.display_name,
        author_avatar: user.avatar,
        content,
        reply_to_id: replyToId,
        created_at: new Date(),
        edited_at: null,
        mentions: mentions.users,
        mention_roles: mentions.roles,
        mention_everyone: mentions.everyone,
        pinned_at: null,
        type: 'default',
        reference_id: null,
      },
      ordered,
    );
    const event = { t: 'MESSAGE_CREATE' as const, audience: audienceOf(access), d: message };
    try {
      await this.tx.single(event, (outbox) =>
        this.writer.write({
          message: {
            id,
            channelId,
            serverId,
            authorId: actor.id,
            content,
            replyToId,
            createdAt: new Date(message.created_at),
            assetIds,
            mentions,
          },
          outbox,
        }),
      );
    } catch (err) {
      throw raceError(err);
    }
    return message;
  }

  /**
   * A page of history as the JSON body of the response. The newest page is read and serialised
   * once per change of the channel, with `me` false; a viewer with reactions on it gets their own
   * bodies, built once per page load from one small query (ViewerReactions). A page read from the
   * database carries the counts kept with each message (migration 012). Figures (`rest --reactions`,
   * docs/INTERNALS.md): with reactions on every message, 0.96× the cached page without, 1.09× for
   * a page read from the database.
   */
  async list(actor: Actor, channelId: string, query: Partial<PageQuery>): Promise<string> {
    const { channel } = await actor.access.requireConversation(channelId, Permissions.READ_MESSAGE_HISTORY);
    const limit = query.limit ?? 50;
    if (query.around !== undefined) {
      if (query.before !== undefined || query.after !== undefined)
        throw badRequest('invalid_input', 'query.around: cannot be combined with before or after');
      const { rows, hasMore } = await this.repo.around(channelId, query.around, limit, actor.id);
      return JSON.stringify(await this.present(rows, hasMore));
    }
    if (this.caches && !query.before && !query.after && limit <= MAX_PAGE) {
      // the page a client opening a channel asks for: served from the newest MAX_PAGE, kept until a
      // message of the channel changes (or a change of its server, e.g. an author's account removal)
      const serverId = channel.server_id;
      const scopes = (): Scope[] =>
        serverId === null ? [{ channel: channelId }] : [{ channel: channelId }, { server: serverId }];
      const page = await this.caches.newest.through(
        channelId,
        async () => {
          const { messages, has_more } = await this.readPage(channelId, { limit: MAX_PAGE }, null);
          const reacted = messages.filter((m) => m.reactions.length > 0).map((m) => m.id);
          return { messages, hasMore: has_more, json: new Map(), reacted, gen: ++pageGen };
        },
        scopes,
      );
      if (page.reacted.length > 0) {
        const viewer = await this.caches.viewers.through(
          `${channelId}:${page.gen}:${actor.id}`,
          async () => ({ mine: await this.reactions.mine(actor.id, page.reacted), json: new Map() }),
          scopes,
        );
        if (viewer.mine.size > 0)
          return pageJson(viewer.json, () => withMine(page.messages, viewer.mine), page.hasMore, limit);
      }
      return pageJson(page.json, () => page.messages, page.hasMore, limit);
    }
    return JSON.stringify(await this.readPage(channelId, { ...query, limit }, actor.id));
  }

  private async readPage(
    channelId: string,
    query: PageQuery,
    viewerId: string | null,
  ): Promise<{ messages: Message[]; has_more: boolean }> {
    const { rows, hasMore } = await this.repo.page(channelId, query, viewerId);
    return this.present(rows, hasMore);
  }

  private async present(
    rows: PageRow[],
    hasMore: boolean,
  ): Promise<{ messages: Message[]; has_more: boolean }> {
    return { messages: await this.loader.present(rows), has_more: hasMore };
  }

  /** What the content mentions and whom it notifies, in a server channel or a DM. */
  private mentions(content: string, access: ConversationAccess): Promise<ResolvedMentions> {
    if (access.kind === 'dm') return Promise.resolve(dmMentions(content, access.recipients, access.user.id));
    return mentionsIn(content, access, this.sources);
  }

  async edit(actor: Actor, messageId: string, rawContent: string): Promise<Message> {
    const access = await actor.access.requireMessage(messageId);
    const ref = access.message;
    if (ref.author_id !== actor.id) throw forbidden('Only the author can edit a message', 'not_author');
    if (ref.type !== 'default') throw forbidden('A system message cannot be edited', 'system_message');
    // resolved before the transaction: it reads outside it (PGlite hands out one connection)
    const mentions = await this.mentions(rawContent.trim(), access);
    return this.tx.run(async (trx, emit) => {
      const attachments = (await this.repo.attachments([messageId], trx)).get(messageId) ?? [];
      const content = checkContent(rawContent, attachments.length > 0);
      const before = await this.mentionRepo.notified(trx, messageId);
      const row = await this.repo.updateContent(trx, messageId, content, mentions, actor.id);
      if (!row) throw notFound('message');
      const after = new Set(mentions.notified);
      const changed = [
        ...before.filter((u) => !after.has(u)),
        ...mentions.notified.filter((u) => !before.includes(u)),
      ];
      if (changed.length > 0) {
        await this.mentionRepo.replaceNotified(trx, messageId, ref.channel_id, mentions.notified);
        await this.mentionRepo.recount(trx, ref.channel_id, changed);
      }
      const [message] = await this.loader.present([row], trx);
      // the event goes to every viewer: `me` is the caller's alone
      const reactions = message!.reactions.map((r) => ({ ...r, me: false }));
      await emit.to(audienceOf(access), 'MESSAGE_UPDATE', { ...message!, reactions });
      return message!;
    });
  }

  async delete(actor: Actor, messageId: string): Promise<void> {
    const access = await actor.access.requireMessage(messageId);
    const { message, channelPermissions } = access;
    if (message.author_id !== actor.id && (channelPermissions & Permissions.MANAGE_MESSAGES) === 0n) {
      throw forbidden('Missing permission MANAGE_MESSAGES', 'missing_permission');
    }
    const released = await this.tx.run(async (trx, emit) => {
      const held = (await this.repo.attachments([messageId], trx)).get(messageId) ?? [];
      const notified = await this.mentionRepo.notified(trx, messageId);
      if (!(await this.repo.delete(trx, messageId))) throw notFound('message');
      // a moderator's delete is audited (in a DM nobody deletes another's message)
      if (message.author_id !== actor.id && message.server_id !== null)
        await this.audit?.record(trx, {
          serverId: message.server_id,
          action: 'message_delete',
          actorId: actor.id,
          targetId: message.author_id,
          reason: actor.reason,
          changes: [
            { key: 'channel_id', old: message.channel_id },
            { key: 'id', old: messageId },
          ],
        });
      await this.repo.retreatNewest(trx, message.channel_id, messageId);
      // its mentions went with it (cascade): the counts of those it notified are read again
      await this.mentionRepo.recount(trx, message.channel_id, notified);
      await emit.to(audienceOf(access), 'MESSAGE_DELETE', {
        id: messageId,
        channel_id: message.channel_id,
        server_id: message.server_id,
      });
      return held.map((a) => a.id);
    });
    if (released.length > 0) await this.releaseAssets?.(released);
  }
}
