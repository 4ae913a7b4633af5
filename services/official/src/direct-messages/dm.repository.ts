/** SQL for DMs: their channels, their recipients, and who may be a recipient of whom. */
import { sql, type DB, type Kysely } from '@twopointo/db';
import type { UserRef } from '@twopointo/shared';

export interface DmRow {
  id: string;
  type: 'dm' | 'group_dm';
  name: string;
  owner_id: string | null;
  last_message_id: string | null;
  created_at: Date;
}

const DM_COLUMNS = ['c.id', 'c.type', 'c.name', 'c.owner_id', 'c.last_message_id', 'c.created_at'] as const;

/** How many DMs GET /me/channels lists (the most recently active). */
export const MAX_LISTED_DMS = 200;

export class DmRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The users among `ids` that exist, by id. */
  async users(ids: string[]): Promise<Map<string, UserRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The users among `ids` who share at least one server with `userId`. */
  async sharingAServer(userId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('members as them')
      .innerJoin('members as me', 'me.server_id', 'them.server_id')
      .select('them.user_id')
      .distinct()
      .where('me.user_id', '=', userId)
      .where('them.user_id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  /** The users among `ids` who blocked `userId`. */
  async blockersOf(userId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('user_blocks')
      .select('user_id')
      .where('blocked_id', '=', userId)
      .where('user_id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  /** The 1:1 DM of the pair (ids in either order), if any. */
  async findPair(a: string, b: string, q: Kysely<DB> = this.db): Promise<DmRow | undefined> {
    const [lo, hi] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
    return q
      .selectFrom('channels as c')
      .select([...DM_COLUMNS])
      .where('c.type', '=', 'dm')
      .where('c.dm_user_lo', '=', lo)
      .where('c.dm_user_hi', '=', hi)
      .$narrowType<{ type: 'dm' | 'group_dm' }>()
      .executeTakeFirst();
  }

  async find(id: string, q: Kysely<DB> = this.db): Promise<DmRow | undefined> {
    return q
      .selectFrom('channels as c')
      .select([...DM_COLUMNS])
      .where('c.id', '=', id)
      .where('c.server_id', 'is', null)
      .$narrowType<{ type: 'dm' | 'group_dm' }>()
      .executeTakeFirst();
  }

  /**
   * Inserts a DM and its recipients. A 1:1 DM whose pair already has one (a concurrent request
   * won the unique index) inserts nothing and answers false.
   */
  async create(
    trx: Kysely<DB>,
    c: { id: string; type: 'dm' | 'group_dm'; name: string; ownerId: string | null; userIds: string[] },
  ): Promise<boolean> {
    const pair =
      c.type === 'dm' ? [...c.userIds].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)) : [null, null];
    const row = await trx
      .insertInto('channels')
      .values({
        id: c.id,
        server_id: null,
        type: c.type,
        name: c.name,
        owner_id: c.ownerId,
        dm_user_lo: pair[0] ?? null,
        dm_user_hi: pair[1] ?? null,
      })
      .onConflict((oc) => oc.columns(['dm_user_lo', 'dm_user_hi']).where('type', '=', 'dm').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await this.addRecipients(trx, c.id, c.userIds, c.id);
    return true;
  }

  async addRecipients(
    trx: Kysely<DB>,
    channelId: string,
    userIds: string[],
    activityId: string,
  ): Promise<void> {
    await trx
      .insertInto('channel_recipients')
      .values(userIds.map((user_id) => ({ channel_id: channelId, user_id, last_activity_id: activityId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** True when the user was a recipient. */
  async removeRecipient(trx: Kysely<DB>, channelId: string, userId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('channel_recipients')
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Serialises changes to one DM's recipients (no two adds both see room for one more). */
  async lock(trx: Kysely<DB>, channelId: string): Promise<boolean> {
    const row = await trx
      .selectFrom('channels')
      .select('id')
      .where('id', '=', channelId)
      .forUpdate()
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The recipients of each DM (everyone in it), by username. */
  async recipients(channelIds: string[], q: Kysely<DB> = this.db): Promise<Map<string, UserRef[]>> {
    const out = new Map<string, UserRef[]>(channelIds.map((id) => [id, []]));
    if (channelIds.length === 0) return out;
    const rows = await q
      .selectFrom('channel_recipients as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.channel_id', 'u.id', 'u.username'])
      .where('r.channel_id', 'in', channelIds)
      .orderBy('u.username')
      .execute();
    for (const { channel_id, ...user } of rows) out.get(channel_id)?.push(user);
    return out;
  }

  /**
   * The user's DMs, the most recently active first (one range of channel_recipients_activity_idx);
   * a DM they closed only once something newer happened in it.
   */
  listFor(userId: string): Promise<DmRow[]> {
    return this.db
      .selectFrom('channel_recipients as r')
      .innerJoin('channels as c', 'c.id', 'r.channel_id')
      .select([...DM_COLUMNS])
      .where('r.user_id', '=', userId)
      .where((eb) =>
        eb.or([
          eb('r.closed_through', 'is', null),
          eb('r.closed_through', '<', eb.ref('r.last_activity_id')),
        ]),
      )
      .orderBy('r.last_activity_id', 'desc')
      .limit(MAX_LISTED_DMS)
      .$narrowType<{ type: 'dm' | 'group_dm' }>()
      .execute();
  }

  /**
   * Hides the DM from the user's list as it is now (a later message shows it again, being newer
   * than `closed_through`). False when the user is not in it.
   */
  async close(trx: Kysely<DB>, channelId: string, userId: string): Promise<boolean> {
    const res = await trx
      .updateTable('channel_recipients')
      .set((eb) => ({ closed_through: eb.ref('last_activity_id') }))
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Lists the DM for the user again; true when it was closed (hidden). */
  async reopen(channelId: string, userId: string, q: Kysely<DB> = this.db): Promise<boolean> {
    const res = await q
      .updateTable('channel_recipients')
      .set({ closed_through: null })
      .where('channel_id', '=', channelId)
      .where('user_id', '=', userId)
      .where('closed_through', 'is not', null)
      .where((eb) => eb('closed_through', '>=', eb.ref('last_activity_id')))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async update(trx: Kysely<DB>, channelId: string, patch: { name?: string; owner_id?: string | null }) {
    await trx.updateTable('channels').set(patch).where('id', '=', channelId).execute();
  }

  /** The recipient who joined first (the next owner when the owner leaves). */
  async firstRecipient(trx: Kysely<DB>, channelId: string): Promise<string | undefined> {
    const row = await trx
      .selectFrom('channel_recipients')
      .select('user_id')
      .where('channel_id', '=', channelId)
      .orderBy('added_at')
      .orderBy(sql`user_id`)
      .limit(1)
      .executeTakeFirst();
    return row?.user_id;
  }

  async delete(trx: Kysely<DB>, channelId: string): Promise<void> {
    await trx.deleteFrom('channels').where('id', '=', channelId).execute();
  }
}
