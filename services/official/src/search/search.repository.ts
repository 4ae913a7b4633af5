/** SQL for message search: PostgreSQL full text over the GIN-indexed `search` column, plus filters. */
import { sql, type DB, type Kysely } from '@twopointo/db';
import { pageColumns, type PageRow } from '../messages/message.repository.ts';

export interface SearchFilter {
  serverId: string;
  /** only these channels (the caller's readable ones, possibly narrowed to one); never empty */
  channelIds: string[];
  text?: string;
  authorId?: string;
  has?: 'file' | 'image' | 'link';
  before?: string;
  after?: string;
}

export class SearchRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private matching(f: SearchFilter) {
    let q = this.db
      .selectFrom('messages as m')
      .where('m.server_id', '=', f.serverId)
      .where('m.channel_id', 'in', f.channelIds)
      // system lines ("pinned a message") are not something one searches for, as in Discord
      .where('m.type', '=', 'default');
    if (f.text) q = q.where(sql<boolean>`m.search @@ websearch_to_tsquery('simple', ${f.text})`);
    if (f.authorId) q = q.where('m.author_id', '=', f.authorId);
    if (f.before) q = q.where('m.id', '<', f.before);
    if (f.after) q = q.where('m.id', '>', f.after);
    if (f.has === 'file')
      q = q.where(sql<boolean>`exists (select 1 from message_attachments ma where ma.message_id = m.id)`);
    if (f.has === 'image')
      q =
        q.where(sql<boolean>`exists (select 1 from message_attachments ma join assets a on a.id = ma.asset_id
        where ma.message_id = m.id and a.content_type like 'image/%')`);
    if (f.has === 'link') q = q.where(sql<boolean>`m.content ~* 'https?://'`);
    return q;
  }

  /**
   * A page of matches, newest first, and how many there are, counted up to `countCap`: counting every match of a
   * common word reads the whole server (0.5–1 s at 1M messages, bench/README.md), a page does not.
   * `viewerId`: whose reactions `me` marks.
   */
  async search(
    f: SearchFilter,
    limit: number,
    offset: number,
    countCap: number,
    viewerId: string,
  ): Promise<{ rows: PageRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.matching(f)
        .innerJoin('users', 'users.id', 'm.author_id')
        .select([...pageColumns(viewerId)])
        .orderBy('m.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.db
        .selectFrom(this.matching(f).select('m.id').limit(countCap).as('capped'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
