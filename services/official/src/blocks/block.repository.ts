/** SQL for blocks: who a user has blocked. */
import type { DB, Kysely } from '@twopointo/db';
import type { UserRef } from '@twopointo/shared';

export class BlockRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async userExists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** True when the block is new. */
  async add(trx: Kysely<DB>, userId: string, blockedId: string): Promise<boolean> {
    const row = await trx
      .insertInto('user_blocks')
      .values({ user_id: userId, blocked_id: blockedId })
      .onConflict((oc) => oc.doNothing())
      .returning('blocked_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when there was a block to remove. */
  async remove(trx: Kysely<DB>, userId: string, blockedId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('user_blocks')
      .where('user_id', '=', userId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** The users `userId` blocked, the newest block first. */
  list(userId: string): Promise<UserRef[]> {
    return this.db
      .selectFrom('user_blocks')
      .innerJoin('users', 'users.id', 'user_blocks.blocked_id')
      .select(['users.id', 'users.username'])
      .where('user_blocks.user_id', '=', userId)
      .orderBy('user_blocks.created_at', 'desc')
      .orderBy('user_blocks.blocked_id', 'desc')
      .execute();
  }
}
