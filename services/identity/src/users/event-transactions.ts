/**
 * Identity's transactions that write outbox records (USER_UPDATE, an account deletion's
 * departures): once one commits, Official's relay is woken (`outboxWritten`, given in the
 * all-in-one); a separate Identity leaves them to the relay's poll.
 */
import type { DB, Database, Kysely } from '@twopointo/db';

export class EventTransactions {
  constructor(
    private readonly database: Database,
    private readonly outboxWritten?: () => void,
  ) {}

  async run<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    const result = await this.database.db.transaction().execute(work);
    this.outboxWritten?.();
    return result;
  }
}
