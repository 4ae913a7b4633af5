/**
 * Server rules: anyone may create one (with a #general text channel); members read; MANAGE_SERVER
 * renames and sets the icon; only the owner transfers ownership (to a member) or deletes.
 */
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  Permissions,
  badRequest,
  forbidden,
  newId,
  notFound,
  type Server,
} from '@twopointo/shared';
import { diff, type AuditRepository } from '../audit/audit.repository.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { claimPublicImage } from '../images/public-image.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import { presentServer } from './server.presenter.ts';
import type { ServerPatch, ServerRepository } from './server.repository.ts';

/** Trimmed, 1–100 characters. */
export function normaliseServerName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 100)
    throw badRequest('invalid_input', 'body.name: must be 1-100 characters');
  return name;
}

export interface UpdateServerInput {
  name?: string;
  icon_asset_id?: string | null;
  owner_id?: string;
}

export class ServerService {
  constructor(
    private readonly repo: ServerRepository,
    private readonly members: MemberRepository,
    private readonly tx: Transactor,
    private readonly audit: AuditRepository,
  ) {}

  async create(actor: Actor, rawName: string): Promise<Server> {
    const name = normaliseServerName(rawName);
    const { server } = await this.tx.run((trx) =>
      this.repo.create(trx, {
        id: newId(),
        name,
        ownerId: actor.id,
        everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS,
        generalId: newId(),
      }),
    );
    return presentServer(server);
  }

  async listMine(actor: Actor): Promise<Server[]> {
    return (await this.repo.listForUser(actor.id)).map(presentServer);
  }

  async get(actor: Actor, serverId: string): Promise<Server> {
    const { server } = await actor.access.requireServerMember(serverId);
    return presentServer(server);
  }

  /** Name and icon with MANAGE_SERVER; owner_id (a transfer) by the owner only, to a member. */
  async update(actor: Actor, serverId: string, body: UpdateServerInput): Promise<Server> {
    const access = await actor.access.requirePermission(serverId, Permissions.MANAGE_SERVER);
    const patch: ServerPatch = {};
    if (body.name !== undefined) patch.name = normaliseServerName(body.name);
    if (body.icon_asset_id !== undefined) patch.icon_asset_id = body.icon_asset_id;
    if (body.owner_id !== undefined) {
      if (!access.isOwner) throw forbidden('Only the owner can transfer the server', 'not_owner');
      if (!(await this.members.find(serverId, body.owner_id)))
        throw badRequest('invalid_input', 'body.owner_id: must be a member of the server');
      patch.owner_id = body.owner_id;
    }
    // the schema's minProperties also counts unknown keys: {"colour":1} must not reach an empty UPDATE
    if (Object.keys(patch).length === 0)
      throw badRequest('invalid_input', 'body: give name, icon_asset_id or owner_id');
    const before = presentServer(access.server);
    return this.tx.run(async (trx, emit) => {
      if (patch.icon_asset_id && patch.icon_asset_id !== before.icon_asset_id) {
        // the icon becomes a public image, so invite previews show it to anyone
        const refused = await claimPublicImage(trx, actor.id, patch.icon_asset_id);
        if (refused)
          throw badRequest(
            'invalid_icon',
            'body.icon_asset_id: must be one of your uploaded, completed images (png, jpeg, webp, gif, at most 8 MiB)',
          );
      }
      const row = await this.repo.update(trx, serverId, patch);
      if (!row) throw notFound('server');
      const server = presentServer(row);
      const changes = diff(before, server, ['name', 'icon_asset_id', 'owner_id']);
      if (changes.length > 0)
        await this.audit.record(trx, {
          serverId,
          action: 'server_update',
          actorId: actor.id,
          targetId: serverId,
          reason: actor.reason,
          changes,
        });
      await emit('SERVER_UPDATE', serverId, server);
      return server;
    });
  }

  async delete(actor: Actor, serverId: string): Promise<void> {
    await actor.access.requireOwner(serverId);
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.delete(trx, serverId))) throw notFound('server');
      await emit('SERVER_DELETE', serverId, { id: serverId });
    });
  }
}
