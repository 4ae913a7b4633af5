/**
 * Role rules, all behind MANAGE_ROLES and the hierarchy (access/hierarchy.ts): nobody creates,
 * edits, moves, deletes, assigns or removes a role at or above their own highest role, nor hands
 * out permission bits they do not hold. Every change is audited in its own transaction.
 */
import type { DB, Kysely } from '@twopointo/db';
import type { RoleRow } from '@twopointo/db';
import { Permissions, badRequest, newId, notFound, type Role } from '@twopointo/shared';
import { parsePermissionSet } from '../access/permission-set.ts';
import { requireRoleBelow } from '../access/hierarchy.ts';
import { diff, type AuditRepository } from '../audit/audit.repository.ts';
import type { Emit, Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { emitMemberUpdate, type OnlineLookup } from '../members/member-events.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import { presentRole } from './role.presenter.ts';
import type { RoleFields, RoleRepository } from './role.repository.ts';

function normaliseRoleName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 100)
    throw badRequest('invalid_input', 'body.name: must be 1-100 characters');
  return name;
}

export interface RoleInput {
  name?: string;
  permissions?: string;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

const AUDITED = ['name', 'permissions', 'color', 'hoist', 'mentionable', 'position'] as const;
type AuditedRole = Pick<Role, (typeof AUDITED)[number]>;
const audited = (r: Role): AuditedRole => ({
  name: r.name,
  permissions: r.permissions,
  color: r.color,
  hoist: r.hoist,
  mentionable: r.mentionable,
  position: r.position,
});

/**
 * The roles (not @everyone) in their new order: listed ones at their asked position (ahead of an
 * unlisted one asking the same), the others where they were. The positions they held are dealt
 * out again bottom up, so a move among low roles never renumbers the roles above them.
 */
export function reorder(roles: RoleRow[], asked: Map<string, number>): Map<string, number> {
  const slots = roles.map((r) => r.position).sort((a, b) => a - b);
  const order = [...roles].sort((a, b) => {
    const pa = asked.get(a.id) ?? a.position;
    const pb = asked.get(b.id) ?? b.position;
    if (pa !== pb) return pa - pb;
    const la = asked.has(a.id) ? 0 : 1;
    const lb = asked.has(b.id) ? 0 : 1;
    if (la !== lb) return la - lb;
    return a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1);
  });
  return new Map(order.map((r, i) => [r.id, slots[i]!]));
}

export class RoleService {
  constructor(
    private readonly repo: RoleRepository,
    private readonly members: MemberRepository,
    private readonly tx: Transactor,
    private readonly audit: AuditRepository,
    private readonly online: OnlineLookup,
  ) {}

  /** Every member sees the roles (their colours and order shape the member list). */
  async list(actor: Actor, serverId: string): Promise<Role[]> {
    await actor.access.requireServerMember(serverId);
    return (await this.repo.list(serverId)).map(presentRole);
  }

  async create(actor: Actor, serverId: string, body: RoleInput & { name: string }): Promise<Role> {
    const access = await actor.access.requirePermission(serverId, Permissions.MANAGE_ROLES);
    // a new role goes at the bottom (position 1, Discord's), so it is below any creator with a role
    requireRoleBelow(access, 0, 'A new role');
    const name = normaliseRoleName(body.name);
    const permissions = parsePermissionSet(body.permissions ?? '0', 'permissions');
    actor.access.requireGrantable(access.permissions, access, permissions);
    return this.tx.run(async (trx, emit) => {
      const { role: row, shifted } = await this.repo.create(
        trx,
        {
          id: newId(),
          serverId,
          name,
          permissions,
          color: body.color ?? 0,
          hoist: body.hoist ?? false,
          mentionable: body.mentionable ?? false,
        },
        1,
      );
      const role = presentRole(row);
      await this.audit.record(trx, {
        serverId,
        action: 'role_create',
        actorId: actor.id,
        targetId: role.id,
        reason: actor.reason,
        changes: diff({} as Partial<AuditedRole>, audited(role), AUDITED),
      });
      await emit('ROLE_CREATE', serverId, { server_id: serverId, role });
      for (const r of shifted)
        await emit('ROLE_UPDATE', serverId, { server_id: serverId, role: presentRole(r) });
      await emit('PERMISSIONS_UPDATE', serverId, { server_id: serverId });
      return role;
    });
  }

  async update(actor: Actor, roleId: string, body: RoleInput): Promise<Role> {
    const access = await actor.access.requireRole(roleId, Permissions.MANAGE_ROLES);
    const { role } = access;
    const patch: RoleFields = {};
    if (body.name !== undefined) {
      patch.name = normaliseRoleName(body.name);
      if (role.id === role.server_id && patch.name !== role.name)
        throw badRequest('invalid_input', 'body.name: @everyone cannot be renamed');
    }
    if (body.permissions !== undefined)
      patch.permissions = parsePermissionSet(body.permissions, 'permissions');
    if (body.color !== undefined) patch.color = body.color;
    if (body.hoist !== undefined) patch.hoist = body.hoist;
    if (body.mentionable !== undefined) patch.mentionable = body.mentionable;
    // the schema's minProperties also counts unknown keys: {"colour":1} must not reach an empty UPDATE
    if (Object.keys(patch).length === 0)
      throw badRequest('invalid_input', 'body: give name, permissions, color, hoist or mentionable');
    requireRoleBelow(access, role.position);
    actor.access.requireGrantable(
      access.permissions,
      access,
      BigInt(role.permissions) | (patch.permissions ?? 0n),
    );
    return this.tx.run(async (trx, emit) => {
      const row = await this.repo.update(trx, roleId, patch);
      if (!row) throw notFound('role');
      const before = presentRole(role);
      const updated = presentRole(row);
      const changes = diff(audited(before), audited(updated), AUDITED);
      if (changes.length > 0)
        await this.audit.record(trx, {
          serverId: role.server_id,
          action: 'role_update',
          actorId: actor.id,
          targetId: roleId,
          reason: actor.reason,
          changes,
        });
      await emit('ROLE_UPDATE', role.server_id, { server_id: role.server_id, role: updated });
      if (before.permissions !== updated.permissions)
        await emit('PERMISSIONS_UPDATE', role.server_id, { server_id: role.server_id });
      return updated;
    });
  }

  /** Moves roles in one transaction; ROLE_UPDATE for each role whose position changed. */
  async reorder(actor: Actor, serverId: string, body: { id: string; position: number }[]): Promise<Role[]> {
    const access = await actor.access.requirePermission(serverId, Permissions.MANAGE_ROLES);
    const asked = new Map<string, number>();
    for (const [i, item] of body.entries()) {
      if (asked.has(item.id)) throw badRequest('invalid_input', `body/${i}/id: listed twice`);
      if (item.id === serverId) throw badRequest('invalid_input', `body/${i}/id: @everyone cannot move`);
      asked.set(item.id, item.position);
    }
    return this.tx.run(async (trx, emit) => {
      const roles = (await this.repo.list(serverId, trx)).filter((r) => r.id !== serverId);
      const known = new Set(roles.map((r) => r.id));
      for (const [i, item] of body.entries())
        if (!known.has(item.id)) throw badRequest('invalid_input', `body/${i}/id: not a role of this server`);
      const next = reorder(roles, asked);
      const moved = roles.filter((r) => next.get(r.id) !== r.position);
      for (const r of moved) {
        requireRoleBelow(access, r.position, `The role ${r.name}`);
        requireRoleBelow(access, next.get(r.id)!, `The new place of ${r.name}`);
      }
      const rows = await this.repo.setPositions(
        trx,
        moved.map((r) => ({ id: r.id, position: next.get(r.id)! })),
      );
      for (const row of rows) {
        const before = roles.find((r) => r.id === row.id)!;
        await this.audit.record(trx, {
          serverId,
          action: 'role_update',
          actorId: actor.id,
          targetId: row.id,
          reason: actor.reason,
          changes: [{ key: 'position', old: before.position, new: row.position }],
        });
        await emit('ROLE_UPDATE', serverId, { server_id: serverId, role: presentRole(row) });
      }
      return (await this.repo.list(serverId, trx)).map(presentRole);
    });
  }

  async delete(actor: Actor, roleId: string): Promise<void> {
    const access = await actor.access.requireRole(roleId, Permissions.MANAGE_ROLES);
    const { role } = access;
    if (role.id === role.server_id)
      throw badRequest('cannot_delete_everyone', 'The @everyone role cannot be deleted');
    requireRoleBelow(access, role.position);
    actor.access.requireGrantable(access.permissions, access, BigInt(role.permissions));
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.delete(trx, roleId))) throw notFound('role');
      await this.audit.record(trx, {
        serverId: role.server_id,
        action: 'role_delete',
        actorId: actor.id,
        targetId: roleId,
        reason: actor.reason,
        changes: Object.entries(audited(presentRole(role))).map(([key, old]) => ({ key, old })),
      });
      await emit('ROLE_DELETE', role.server_id, { server_id: role.server_id, role_id: roleId });
      await emit('PERMISSIONS_UPDATE', role.server_id, { server_id: role.server_id });
    });
  }

  /** Gives (`on`) or takes away a role; an unchanged assignment emits and records nothing. */
  async setAssignment(
    actor: Actor,
    serverId: string,
    userId: string,
    roleId: string,
    on: boolean,
  ): Promise<void> {
    const access = await actor.access.requirePermission(serverId, Permissions.MANAGE_ROLES);
    const role = (await this.repo.list(serverId)).find((r) => r.id === roleId);
    if (!role) throw notFound('role');
    if (role.id === serverId)
      throw badRequest('invalid_role', 'Every member has @everyone; it cannot be assigned');
    if (!(await this.members.find(serverId, userId))) throw notFound('member');
    requireRoleBelow(access, role.position);
    actor.access.requireGrantable(access.permissions, access, BigInt(role.permissions));
    await this.tx.run(async (trx, emit) => {
      const changed = on
        ? await this.repo.assign(trx, serverId, userId, roleId)
        : await this.repo.unassign(trx, serverId, userId, roleId);
      if (!changed) return;
      await this.audit.record(trx, {
        serverId,
        action: 'member_role_update',
        actorId: actor.id,
        targetId: userId,
        reason: actor.reason,
        changes: [{ key: on ? '$add' : '$remove', new: [{ id: role.id, name: role.name }] }],
      });
      await this.memberUpdated(trx, emit, serverId, userId);
      await emit('PERMISSIONS_UPDATE', serverId, { server_id: serverId });
    });
  }

  private memberUpdated(trx: Kysely<DB>, emit: Emit, serverId: string, userId: string) {
    return emitMemberUpdate(trx, emit, { members: this.members, online: this.online }, serverId, userId);
  }
}
