/** SQL for memberships and the role ids each member holds. */
import type { DB, Kysely } from '@twopointo/db';

export interface MemberRow {
  user_id: string;
  username: string;
  display_name: string | null;
  avatar: string | null;
  joined_at: Date;
  nick: string | null;
  communication_disabled_until: Date | null;
  roles: string[];
}

const MEMBER_COLUMNS = [
  'members.user_id',
  'users.username',
  'users.display_name',
  'users.avatar_asset_id as avatar',
  'members.joined_at',
  'members.nick',
  'members.communication_disabled_until',
] as const;

export interface MemberPatch {
  nick?: string | null;
  communication_disabled_until?: Date | null;
}

export class MemberRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(serverId: string): Promise<MemberRow[]> {
    const [members, roles] = await Promise.all([
      this.db
        .selectFrom('members')
        .innerJoin('users', 'users.id', 'members.user_id')
        .select(MEMBER_COLUMNS)
        .where('members.server_id', '=', serverId)
        .orderBy('members.joined_at')
        .orderBy('members.user_id')
        .execute(),
      this.db
        .selectFrom('member_roles')
        .select(['user_id', 'role_id'])
        .where('server_id', '=', serverId)
        .orderBy('role_id')
        .execute(),
    ]);
    const byUser = new Map<string, string[]>();
    for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role_id]);
    return members.map((m) => ({ ...m, roles: byUser.get(m.user_id) ?? [] }));
  }

  async find(serverId: string, userId: string, q: Kysely<DB> = this.db): Promise<MemberRow | undefined> {
    const m = await q
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .select(MEMBER_COLUMNS)
      .where('members.server_id', '=', serverId)
      .where('members.user_id', '=', userId)
      .executeTakeFirst();
    if (!m) return undefined;
    const roles = await q
      .selectFrom('member_roles')
      .select('role_id')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .orderBy('role_id')
      .execute();
    return { ...m, roles: roles.map((r) => r.role_id) };
  }

  /** Adds the membership; false when it already existed. */
  async add(trx: Kysely<DB>, serverId: string, userId: string): Promise<boolean> {
    const row = await trx
      .insertInto('members')
      .values({ server_id: serverId, user_id: userId })
      .onConflict((oc) => oc.columns(['server_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async remove(trx: Kysely<DB>, serverId: string, userId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('members')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async count(serverId: string): Promise<number> {
    const row = await this.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('server_id', '=', serverId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sets nickname and/or timeout; false when the user is not a member. */
  async update(trx: Kysely<DB>, serverId: string, userId: string, patch: MemberPatch): Promise<boolean> {
    const res = await trx
      .updateTable('members')
      .set(patch)
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
