/** SQL for roles, role assignments and channel overwrites. */
import { sql, type DB, type Kysely, type RoleRow } from '@twopointo/db';

/** A role's columns, as every role query reads them. */
export const ROLE_COLUMNS = [
  'id',
  'server_id',
  'name',
  'permissions',
  'position',
  'created_at',
  'color',
  'hoist',
  'mentionable',
] as const;
const columns = ROLE_COLUMNS;

export interface RoleFields {
  name?: string;
  permissions?: bigint;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

export class RoleRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(serverId: string, q: Kysely<DB> = this.db): Promise<RoleRow[]> {
    return q
      .selectFrom('roles')
      .select(columns)
      .where('server_id', '=', serverId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  /**
   * A new role at `at` (null: above all the others); the other roles at or above `at` move up one,
   * and are answered so their moves can be announced.
   */
  async create(
    trx: Kysely<DB>,
    r: {
      id: string;
      serverId: string;
      name: string;
      permissions: bigint;
      color: number;
      hoist: boolean;
      mentionable: boolean;
    },
    at: number | null,
  ): Promise<{ role: RoleRow; shifted: RoleRow[] }> {
    const shifted =
      at === null
        ? []
        : await trx
            .updateTable('roles')
            .set((eb) => ({ position: eb('position', '+', 1) }))
            .where('server_id', '=', r.serverId)
            .where('position', '>=', at)
            .where('id', '<>', r.serverId)
            .returning(columns)
            .execute();
    const role = await trx
      .insertInto('roles')
      .values((eb) => ({
        id: r.id,
        server_id: r.serverId,
        name: r.name,
        permissions: r.permissions,
        color: r.color,
        hoist: r.hoist,
        mentionable: r.mentionable,
        position:
          at ??
          eb
            .selectFrom('roles')
            .select(sql<number>`coalesce(max(position) + 1, 0)`.as('p'))
            .where('server_id', '=', r.serverId),
      }))
      .returning(columns)
      .executeTakeFirstOrThrow();
    return { role, shifted };
  }

  /** Sets each role's position; the rows as updated. */
  async setPositions(trx: Kysely<DB>, positions: { id: string; position: number }[]): Promise<RoleRow[]> {
    const out: RoleRow[] = [];
    for (const p of positions) {
      const row = await trx
        .updateTable('roles')
        .set({ position: p.position })
        .where('id', '=', p.id)
        .returning(columns)
        .executeTakeFirst();
      if (row) out.push(row);
    }
    return out;
  }

  update(trx: Kysely<DB>, id: string, patch: RoleFields): Promise<RoleRow | undefined> {
    return trx.updateTable('roles').set(patch).where('id', '=', id).returning(columns).executeTakeFirst();
  }

  async delete(trx: Kysely<DB>, id: string): Promise<boolean> {
    const res = await trx.deleteFrom('roles').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** false when the member already had the role */
  async assign(trx: Kysely<DB>, serverId: string, userId: string, roleId: string): Promise<boolean> {
    const row = await trx
      .insertInto('member_roles')
      .values({ server_id: serverId, user_id: userId, role_id: roleId })
      .onConflict((oc) => oc.columns(['server_id', 'user_id', 'role_id']).doNothing())
      .returning('role_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** false when the member did not have the role */
  async unassign(trx: Kysely<DB>, serverId: string, userId: string, roleId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('member_roles')
      .where('server_id', '=', serverId)
      .where('user_id', '=', userId)
      .where('role_id', '=', roleId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  upsertOverwrite(
    trx: Kysely<DB>,
    o: { channelId: string; targetId: string; type: 'role' | 'member'; allow: bigint; deny: bigint },
  ) {
    return trx
      .insertInto('channel_overwrites')
      .values({ channel_id: o.channelId, target_id: o.targetId, type: o.type, allow: o.allow, deny: o.deny })
      .onConflict((oc) =>
        oc.columns(['channel_id', 'target_id']).doUpdateSet({ type: o.type, allow: o.allow, deny: o.deny }),
      )
      .returning(['channel_id', 'target_id', 'type', 'allow', 'deny'])
      .executeTakeFirstOrThrow();
  }

  /** A channel's overwrites, roles before members, by target id. */
  listOverwrites(channelId: string) {
    return this.db
      .selectFrom('channel_overwrites')
      .select(['channel_id', 'target_id', 'type', 'allow', 'deny'])
      .where('channel_id', '=', channelId)
      .orderBy('type', 'desc')
      .orderBy('target_id')
      .execute();
  }

  async deleteOverwrite(trx: Kysely<DB>, channelId: string, targetId: string): Promise<boolean> {
    const res = await trx
      .deleteFrom('channel_overwrites')
      .where('channel_id', '=', channelId)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
