/** SQL for messages and their attachments; history is paged by id on the (channel_id, id) index. */
import { sql, type DB, type Kysely } from '@twopointo/db';
import type { Reaction } from '@twopointo/shared';
import type { OutboxRow } from '../events/transactor.ts';
import { int8Array } from './mention.repository.ts';
import type { ResolvedMentions } from './mentions.ts';

export interface MessageRow {
  id: string;
  channel_id: string;
  /** null in a DM */
  server_id: string | null;
  author_id: string;
  author_username: string;
  author_display_name?: string | null;
  author_avatar?: string | null;
  content: string;
  reply_to_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  mentions: string[];
  mention_roles: string[];
  mention_everyone: boolean;
  pinned_at: Date | null;
  type: 'default' | 'pin';
  reference_id: string | null;
}
export interface PageRow extends MessageRow {
  has_attachments: boolean;
  /** [[emoji, count], ...] in first-used order (messages.reaction_counts); null: none */
  reaction_counts: [string, number][] | null;
  /** the emoji the viewer reacted with; null: none (or no viewer) */
  my_reactions: string[] | null;
}
export interface NewMessage {
  id: string;
  channelId: string;
  /** null in a DM */
  serverId: string | null;
  authorId: string;
  content: string;
  replyToId: string | null;
  createdAt: Date;
  assetIds: string[];
  mentions: ResolvedMentions;
}
export interface AttachmentRow {
  id: string;
  filename: string;
  content_type: string;
  size: string;
  width: number | null;
  height: number | null;
}

export interface PageQuery {
  limit: number;
  before?: string;
  after?: string;
  /** the page centred on this id (with neither before nor after) */
  around?: string;
}

/** A message to insert with its event's outbox rows (one per recipient in a DM). */
export interface PendingMessage {
  message: NewMessage;
  outbox: OutboxRow[];
}

/**
 * A message's reactions as a page carries them: the counts kept with the message (a trigger,
 * migration 012) and only the viewer's own emoji read here, a probe of the primary key's
 * message_id prefix inside the page's own statement. Counting at every read cost a page with
 * three emoji on each of 50 messages about 2 ms more on PGlite; this costs ~0.4 ms.
 */
function myReactionsColumn(viewerId: string | null) {
  if (viewerId === null) return sql<string[] | null>`null::text[]`.as('my_reactions');
  return sql<string[] | null>`(case when m.reaction_counts is null then null else (
    select array_agg(mr.emoji) from message_reactions mr where mr.message_id = m.id and mr.user_id = ${viewerId}
  ) end)`.as('my_reactions');
}

/** The wire form of a row's reactions: per emoji in first-used order, `me` for the row's viewer. */
export function rowReactions(row: Pick<PageRow, 'reaction_counts' | 'my_reactions'>): Reaction[] {
  if (!row.reaction_counts) return [];
  const mine = row.my_reactions;
  return row.reaction_counts.map(([emoji, count]) => ({ emoji, count, me: mine?.includes(emoji) ?? false }));
}

/**
 * What a page row is made of, from `messages as m` joined to `users` (any query that lists
 * messages); `viewerId` is whose reactions `me` marks.
 */
export function pageColumns(viewerId: string | null) {
  return [
    'm.id',
    'm.channel_id',
    'm.server_id',
    'm.author_id',
    'users.username as author_username',
    'users.display_name as author_display_name',
    'users.avatar_asset_id as author_avatar',
    'm.content',
    'm.reply_to_id',
    'm.created_at',
    'm.edited_at',
    'm.mentions',
    'm.mention_roles',
    'm.mention_everyone',
    'm.pinned_at',
    'm.type',
    'm.reference_id',
    // so the attachments are read only for the messages that have any
    sql<boolean>`exists (select 1 from message_attachments ma where ma.message_id = m.id)`.as(
      'has_attachments',
    ),
    'm.reaction_counts',
    myReactionsColumn(viewerId),
  ] as const;
}

/** Messages with their authors, as page rows. */
export function selectMessages(q: Kysely<DB>, viewerId: string | null) {
  return q
    .selectFrom('messages as m')
    .innerJoin('users', 'users.id', 'm.author_id')
    .select([...pageColumns(viewerId)]);
}

export class MessageRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Messages, their attachments, their channels' newest message, their mentions (with the
   * notified users' counts) and their outbox rows in one statement (data-modifying CTEs): one
   * round trip, atomic, however many messages (see GroupWriter). A foreign key violation (author,
   * channel or asset gone since the check) rejects with the violated constraint's name in
   * `constraint`.
   */
  async insertWithEvents(items: PendingMessage[], db: Kysely<DB> = this.db): Promise<void> {
    const withMessages = db
      .with('m', (q) =>
        q
          .insertInto('messages')
          .values(
            items.map(({ message: m }) => ({
              id: m.id,
              channel_id: m.channelId,
              server_id: m.serverId,
              author_id: m.authorId,
              content: m.content,
              reply_to_id: m.replyToId,
              created_at: m.createdAt,
              // a multi-row insert fills what a row leaves out with the column's default
              ...(m.mentions.users.length > 0 ? { mentions: int8Array(m.mentions.users) } : {}),
              ...(m.mentions.roles.length > 0 ? { mention_roles: int8Array(m.mentions.roles) } : {}),
              ...(m.mentions.everyone ? { mention_everyone: true } : {}),
            })),
          )
          .returning(['id', 'channel_id']),
      )
      // only ever forwards, so a batch that commits after a newer one cannot move it back
      .with('c', (q) =>
        q
          .updateTable('channels')
          .from(
            q
              .selectFrom('m')
              .select(['m.channel_id', (eb) => eb.fn.max('m.id').as('newest')])
              .groupBy('m.channel_id')
              .as('n'),
          )
          .set((eb) => ({ last_message_id: eb.ref('n.newest') }))
          .whereRef('channels.id', '=', 'n.channel_id')
          .where((eb) =>
            eb.or([
              eb('channels.last_message_id', 'is', null),
              eb('channels.last_message_id', '<', eb.ref('n.newest')),
            ]),
          )
          .returning('channels.id'),
      );
    const outbox = items.flatMap((i) => i.outbox);
    // a DM's recipients list it by its newest activity (only batches with a DM message pay for it)
    const dmChannels = [
      ...new Set(items.filter((i) => i.message.serverId === null).map((i) => i.message.channelId)),
    ];
    const withActivity =
      dmChannels.length === 0
        ? withMessages
        : (withMessages.with('ra', (q) =>
            q
              .updateTable('channel_recipients')
              .from(
                q
                  .selectFrom('m')
                  .select(['m.channel_id', (eb) => eb.fn.max('m.id').as('newest')])
                  .where('m.channel_id', 'in', dmChannels)
                  .groupBy('m.channel_id')
                  .as('d'),
              )
              .set((eb) => ({ last_activity_id: eb.ref('d.newest') }))
              .whereRef('channel_recipients.channel_id', '=', 'd.channel_id')
              .whereRef('channel_recipients.last_activity_id', '<', 'd.newest')
              .returning('channel_recipients.user_id'),
          ) as unknown as typeof withMessages);
    const attachments = items.flatMap(({ message: m }) =>
      m.assetIds.map((asset_id, position) => ({ message_id: m.id, asset_id, position })),
    );
    const mentions = items.flatMap(({ message: m }) =>
      m.mentions.notified.map((user_id) => ({ message_id: m.id, user_id, channel_id: m.channelId })),
    );
    // the attachments' CTE adds nothing the statement refers to later, so the type stays the same
    const withAttachments =
      attachments.length === 0
        ? withActivity
        : (withActivity.with('a', (q) =>
            q.insertInto('message_attachments').values(attachments).returning('message_id'),
          ) as unknown as typeof withMessages);
    if (mentions.length === 0) {
      await withAttachments.insertInto('outbox').values(outbox).execute();
      return;
    }
    await withAttachments
      .with('mm', (q) =>
        q.insertInto('message_mentions').values(mentions).returning(['message_id', 'user_id', 'channel_id']),
      )
      // each notified user's count goes up by the new mentions after their marker (a marker can
      // be past a message still being written: a user acked a newer one that committed first)
      .with('rs', (q) =>
        q
          .insertInto('read_states')
          .columns(['user_id', 'channel_id', 'mention_count'])
          .expression(
            q
              .selectFrom('mm')
              .select(['mm.user_id', 'mm.channel_id', (eb) => eb.fn.countAll<number>().as('n')])
              .groupBy(['mm.user_id', 'mm.channel_id']),
          )
          .onConflict((oc) =>
            oc.columns(['user_id', 'channel_id']).doUpdateSet({
              mention_count: sql<number>`read_states.mention_count + (select count(*) from mm
                where mm.user_id = read_states.user_id and mm.channel_id = read_states.channel_id
                  and mm.message_id > coalesce(read_states.last_read_id, 0))`,
            }),
          )
          .returning('user_id'),
      )
      .insertInto('outbox')
      .values(outbox)
      .execute();
  }

  find(id: string, q: Kysely<DB> = this.db, viewerId: string | null = null): Promise<PageRow | undefined> {
    return selectMessages(q, viewerId).where('m.id', '=', id).executeTakeFirst();
  }

  async existsInChannel(id: string, channelId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', id)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Assets among `ids` that belong to `ownerId` and finished uploading. */
  readyAssets(ownerId: string, ids: string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('assets')
      .select(['id', 'filename', 'content_type', 'size', 'width', 'height'])
      .where('id', 'in', ids)
      .where('owner_id', '=', ownerId)
      .where('status', '=', 'ready')
      .execute();
  }

  /**
   * One page, newest first. Without `after`: the newest `limit` older than `before`.
   * With `after`: the oldest `limit` newer than `after` (then sorted newest first).
   * has_more: further messages exist beyond the page in the direction of travel.
   */
  /**
   * The page centred on `id`: it (when it exists) and the messages older than it, up to half the
   * page newer than it, and the other side filling in where one side runs out. has_more: messages
   * exist beyond either end.
   */
  async around(
    channelId: string,
    id: string,
    limit: number,
    viewerId: string | null,
  ): Promise<{ rows: PageRow[]; hasMore: boolean }> {
    const older = await this.page(channelId, { limit, atOrBefore: id }, viewerId);
    const newer = await this.page(channelId, { limit, after: id }, viewerId);
    let nNewer = Math.min(newer.rows.length, Math.floor(limit / 2));
    const nOlder = Math.min(older.rows.length, limit - nNewer);
    nNewer = Math.min(newer.rows.length, limit - nOlder);
    return {
      // newer rows come newest first: the ones next to `id` are at the end
      rows: [...newer.rows.slice(newer.rows.length - nNewer), ...older.rows.slice(0, nOlder)],
      hasMore: older.hasMore || older.rows.length > nOlder || newer.hasMore || newer.rows.length > nNewer,
    };
  }

  async page(
    channelId: string,
    p: PageQuery & { atOrBefore?: string },
    viewerId: string | null,
  ): Promise<{ rows: PageRow[]; hasMore: boolean }> {
    const dir = p.after ? 'asc' : 'desc';
    // the page is cut from messages alone first (the (channel_id, id) index), and only its rows are
    // joined to their authors and checked for attachments: however stale the planner's statistics
    // (a channel that grew fast since the last ANALYZE), the per-row work stays bounded by limit
    let page = this.db.selectFrom('messages').selectAll().where('channel_id', '=', channelId);
    if (p.before) page = page.where('id', '<', p.before);
    if (p.atOrBefore) page = page.where('id', '<=', p.atOrBefore);
    if (p.after) page = page.where('id', '>', p.after);
    const rows = await this.db
      .selectFrom(
        page
          .orderBy('id', dir)
          .limit(p.limit + 1)
          .as('m'),
      )
      .innerJoin('users', 'users.id', 'm.author_id')
      .select([...pageColumns(viewerId)])
      .orderBy('m.id', dir)
      .execute();
    const hasMore = rows.length > p.limit;
    const pageRows = rows.slice(0, p.limit);
    if (p.after) pageRows.reverse();
    return { rows: pageRows, hasMore };
  }

  /** Attachments of the messages, in their posted order, by message id. */
  async attachments(messageIds: string[], q: Kysely<DB> = this.db): Promise<Map<string, AttachmentRow[]>> {
    const out = new Map<string, AttachmentRow[]>();
    if (messageIds.length === 0) return out;
    const rows = await q
      .selectFrom('message_attachments')
      .innerJoin('assets', 'assets.id', 'message_attachments.asset_id')
      .select([
        'message_attachments.message_id',
        'assets.id',
        'assets.filename',
        'assets.content_type',
        'assets.size',
        'assets.width',
        'assets.height',
      ])
      .where('message_attachments.message_id', 'in', messageIds)
      .orderBy('message_attachments.message_id')
      .orderBy('message_attachments.position')
      .execute();
    for (const { message_id, ...a } of rows) {
      const list = out.get(message_id) ?? [];
      list.push(a);
      out.set(message_id, list);
    }
    return out;
  }

  async updateContent(
    trx: Kysely<DB>,
    id: string,
    content: string,
    mentions: ResolvedMentions,
    viewerId: string | null,
  ): Promise<PageRow | undefined> {
    const res = await trx
      .updateTable('messages')
      .set({
        content,
        edited_at: new Date(),
        mentions: int8Array(mentions.users),
        mention_roles: int8Array(mentions.roles),
        mention_everyone: mentions.everyone,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return undefined;
    return this.find(id, trx, viewerId);
  }

  async delete(trx: Kysely<DB>, id: string): Promise<boolean> {
    const res = await trx.deleteFrom('messages').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** After a delete: when it was the channel's newest message, the newest left (by the (channel_id, id) index). */
  async retreatNewest(trx: Kysely<DB>, channelId: string, deletedId: string): Promise<void> {
    await trx
      .updateTable('channels')
      .set((eb) => ({
        last_message_id: eb
          .selectFrom('messages')
          .select((e) => e.fn.max('messages.id').as('id'))
          .where('messages.channel_id', '=', channelId),
      }))
      .where('id', '=', channelId)
      .where('last_message_id', '=', deletedId)
      .execute();
  }
}
