/** SQL for reactions: one row per (message, emoji, user); their counts per message are kept with the message by a trigger (migration 012) and read by the page query (message.repository). */
import { sql, type DB, type Kysely } from '@twopointo/db';
import type { UserRef } from '@twopointo/shared';

export class ReactionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The emoji `userId` reacted with, per message among `messageIds`. */
  async mine(userId: string, messageIds: string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (messageIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('message_reactions')
      .select(['message_id', 'emoji'])
      .where('message_id', 'in', messageIds)
      .where('user_id', '=', userId)
      .execute();
    for (const r of rows) {
      const set = out.get(r.message_id) ?? new Set<string>();
      set.add(r.emoji);
      out.set(r.message_id, set);
    }
    return out;
  }

  /**
   * Adds the reaction unless it is there. With `onlyExisting`, only when someone already reacted
   * with that emoji (one statement, so a concurrent removal cannot slip between check and insert).
   * 'added', 'present' (the user's reaction was already there), or 'refused' (new emoji).
   */
  async add(
    trx: Kysely<DB>,
    messageId: string,
    emoji: string,
    userId: string,
    onlyExisting: boolean,
  ): Promise<'added' | 'present' | 'refused'> {
    const row = trx.selectNoFrom([
      sql<string>`${messageId}::bigint`.as('message_id'),
      sql<string>`${emoji}::text`.as('emoji'),
      sql<string>`${userId}::bigint`.as('user_id'),
    ]);
    const emojiUsed = trx
      .selectFrom('message_reactions')
      .select('user_id')
      .where('message_id', '=', messageId)
      .where('emoji', '=', emoji);
    const inserted = await trx
      .insertInto('message_reactions')
      .columns(['message_id', 'emoji', 'user_id'])
      .expression(onlyExisting ? row.where(({ exists }) => exists(emojiUsed)) : row)
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (inserted) return 'added';
    const own = await trx
      .selectFrom('message_reactions')
      .select('user_id')
      .where('message_id', '=', messageId)
      .where('emoji', '=', emoji)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return own ? 'present' : 'refused';
  }

  async remove(trx: Kysely<DB>, messageId: string, emoji: string, userId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('message_reactions')
      .where('message_id', '=', messageId)
      .where('emoji', '=', emoji)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Who reacted with `emoji`, by user id, after `after`. */
  users(messageId: string, emoji: string, limit: number, after?: string): Promise<UserRef[]> {
    let q = this.db
      .selectFrom('message_reactions')
      .innerJoin('users', 'users.id', 'message_reactions.user_id')
      .select(['users.id', 'users.username'])
      .where('message_reactions.message_id', '=', messageId)
      .where('message_reactions.emoji', '=', emoji);
    if (after !== undefined) q = q.where('message_reactions.user_id', '>', after);
    return q.orderBy('message_reactions.user_id').limit(limit).execute();
  }
}
