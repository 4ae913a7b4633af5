/** Server rules: anyone may create one; members read; MANAGE_SERVER renames; only the owner deletes. */
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  Permissions,
  badRequest,
  newId,
  notFound,
  type Server,
} from '@twopointo/shared';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { presentServer } from './server.presenter.ts';
import type { ServerRepository } from './server.repository.ts';

/** Trimmed, 1–100 characters. */
export function normaliseServerName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 100)
    throw badRequest('invalid_input', 'body.name: must be 1-100 characters');
  return name;
}

export class ServerService {
  constructor(
    private readonly repo: ServerRepository,
    private readonly tx: Transactor,
  ) {}

  async create(actor: Actor, rawName: string): Promise<Server> {
    const name = normaliseServerName(rawName);
    const row = await this.tx.run((trx) =>
      this.repo.create(trx, {
        id: newId(),
        name,
        ownerId: actor.id,
        everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS,
      }),
    );
    return presentServer(row);
  }

  async listMine(actor: Actor): Promise<Server[]> {
    return (await this.repo.listForUser(actor.id)).map(presentServer);
  }

  async get(actor: Actor, serverId: string): Promise<Server> {
    const { server } = await actor.access.requireServerMember(serverId);
    return presentServer(server);
  }

  async rename(actor: Actor, serverId: string, rawName: string): Promise<Server> {
    await actor.access.requirePermission(serverId, Permissions.MANAGE_SERVER);
    const name = normaliseServerName(rawName);
    return this.tx.run(async (trx, emit) => {
      const row = await this.repo.rename(trx, serverId, name);
      if (!row) throw notFound('server');
      const server = presentServer(row);
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
