/**
 * Role rules, all behind MANAGE_ROLES. A non-owner may only create, edit, delete, assign or
 * unassign roles whose permissions they hold themselves, so nobody can hand out more than they have.
 */
import { Permissions, badRequest, newId, notFound, type Role } from '@twopointo/shared';
import type { MemberRepository } from '../members/member.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { parsePermissionSet } from '../access/permission-set.ts';
import { presentRole } from './role.presenter.ts';
import type { RoleRepository } from './role.repository.ts';

function normaliseRoleName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 100)
    throw badRequest('invalid_input', 'body.name: must be 1-100 characters');
  return name;
}

export class RoleService {
  constructor(
    private readonly repo: RoleRepository,
    private readonly members: MemberRepository,
    private readonly tx: Transactor,
  ) {}

  async list(actor: Actor, serverId: string): Promise<Role[]> {
    await actor.access.requirePermission(serverId, Permissions.MANAGE_ROLES);
    return (await this.repo.list(serverId)).map(presentRole);
  }

  async create(actor: Actor, serverId: string, body: { name: string; permissions?: string }): Promise<Role> {
    const access = await actor.access.requirePermission(serverId, Permissions.MANAGE_ROLES);
    const name = normaliseRoleName(body.name);
    const permissions = parsePermissionSet(body.permissions ?? '0', 'permissions');
    actor.access.requireGrantable(access.permissions, access, permissions);
    return this.tx.run(async (trx, emit) => {
      const role = presentRole(await this.repo.create(trx, { id: newId(), serverId, name, permissions }));
      await emit('PERMISSIONS_UPDATE', serverId, { server_id: serverId });
      return role;
    });
  }

  async update(actor: Actor, roleId: string, body: { name?: string; permissions?: string }): Promise<Role> {
    const access = await actor.access.requireRole(roleId, Permissions.MANAGE_ROLES);
    const { role } = access;
    const patch: { name?: string; permissions?: bigint } = {};
    if (body.name !== undefined) {
      patch.name = normaliseRoleName(body.name);
      if (role.id === role.server_id && patch.name !== role.name)
        throw badRequest('invalid_input', 'body.name: @everyone cannot be renamed');
    }
    if (body.permissions !== undefined)
      patch.permissions = parsePermissionSet(body.permissions, 'permissions');
    // the schema's minProperties also counts unknown keys: {"colour":1} must not reach an empty UPDATE
    if (patch.name === undefined && patch.permissions === undefined)
      throw badRequest('invalid_input', 'body: give name or permissions');
    actor.access.requireGrantable(
      access.permissions,
      access,
      BigInt(role.permissions) | (patch.permissions ?? 0n),
    );
    return this.tx.run(async (trx, emit) => {
      const row = await this.repo.update(trx, roleId, patch);
      if (!row) throw notFound('role');
      await emit('PERMISSIONS_UPDATE', role.server_id, { server_id: role.server_id });
      return presentRole(row);
    });
  }

  async delete(actor: Actor, roleId: string): Promise<void> {
    const access = await actor.access.requireRole(roleId, Permissions.MANAGE_ROLES);
    const { role } = access;
    if (role.id === role.server_id)
      throw badRequest('cannot_delete_everyone', 'The @everyone role cannot be deleted');
    actor.access.requireGrantable(access.permissions, access, BigInt(role.permissions));
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.delete(trx, roleId))) throw notFound('role');
      await emit('PERMISSIONS_UPDATE', role.server_id, { server_id: role.server_id });
    });
  }

  /** Gives (`on`) or takes away a role; an unchanged assignment emits nothing. */
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
    actor.access.requireGrantable(access.permissions, access, BigInt(role.permissions));
    await this.tx.run(async (trx, emit) => {
      const changed = on
        ? await this.repo.assign(trx, serverId, userId, roleId)
        : await this.repo.unassign(trx, serverId, userId, roleId);
      if (changed) await emit('PERMISSIONS_UPDATE', serverId, { server_id: serverId });
    });
  }
}
