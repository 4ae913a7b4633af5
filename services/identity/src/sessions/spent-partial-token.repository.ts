/** Partial tokens that already started a session, by jti (migration 004). */
import type { DB, Kysely } from '@twopointo/db';

export class SpentPartialTokenRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async isSpent(jti: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('spent_partial_tokens')
      .select('jti')
      .where('jti', '=', jti)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records the token as spent inside the caller's transaction; false when it already was (a
   * concurrent use won). Expired rows go at the same time, so the table holds minutes of logins.
   */
  async spend(trx: Kysely<DB>, jti: string, expiresAt: Date): Promise<boolean> {
    await trx.deleteFrom('spent_partial_tokens').where('expires_at', '<', new Date()).execute();
    const row = await trx
      .insertInto('spent_partial_tokens')
      .values({ jti, expires_at: expiresAt })
      .onConflict((oc) => oc.column('jti').doNothing())
      .returning('jti')
      .executeTakeFirst();
    return row !== undefined;
  }
}
