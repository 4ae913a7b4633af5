/** Channel rules: members list what they can see; MANAGE_CHANNELS creates, edits, deletes. */
import { Permissions, badRequest, newId, notFound, type Channel } from '@twopointo/shared';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { presentChannel } from './channel.presenter.ts';
import type { ChannelRepository } from './channel.repository.ts';

/** Trim, lower case, whitespace runs → '-', 1–100 characters. */
export function normaliseChannelName(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/\s+/g, '-');
  if (name.length < 1 || name.length > 100)
    throw badRequest('invalid_input', 'body.name: must be 1-100 characters');
  return name;
}

const normaliseTopic = (raw: string | null | undefined): string | null => {
  const t = raw?.trim();
  return t ? t : null;
};

export class ChannelService {
  constructor(
    private readonly repo: ChannelRepository,
    private readonly tx: Transactor,
  ) {}

  async create(
    actor: Actor,
    serverId: string,
    body: { name: string; topic?: string | null },
  ): Promise<Channel> {
    await actor.access.requirePermission(serverId, Permissions.MANAGE_CHANNELS);
    const name = normaliseChannelName(body.name);
    return this.tx.run(async (trx, emit) => {
      const channel = presentChannel(
        await this.repo.create(trx, { id: newId(), serverId, name, topic: normaliseTopic(body.topic) }),
      );
      // server-scoped: nobody is subscribed to a channel that did not exist yet
      await emit('CHANNEL_CREATE', serverId, channel);
      return channel;
    });
  }

  async list(actor: Actor, serverId: string): Promise<Channel[]> {
    const access = await actor.access.requireServerMember(serverId);
    return (await actor.access.visibleChannels(access)).map(presentChannel);
  }

  async update(
    actor: Actor,
    channelId: string,
    body: { name?: string; topic?: string | null; position?: number },
  ): Promise<Channel> {
    const { channel } = await actor.access.requireChannel(channelId, Permissions.MANAGE_CHANNELS);
    const patch: { name?: string; topic?: string | null; position?: number } = {};
    if (body.name !== undefined) patch.name = normaliseChannelName(body.name);
    if (body.topic !== undefined) patch.topic = normaliseTopic(body.topic);
    if (body.position !== undefined) patch.position = body.position;
    // the schema's minProperties also counts unknown keys: {"colour":1} must not reach an empty UPDATE
    if (Object.keys(patch).length === 0)
      throw badRequest('invalid_input', 'body: give name, topic or position');
    return this.tx.run(async (trx, emit) => {
      const row = await this.repo.update(trx, channelId, patch);
      if (!row) throw notFound('channel');
      const updated = presentChannel(row);
      await emit('CHANNEL_UPDATE', channel.server_id, updated, channelId);
      return updated;
    });
  }

  async delete(actor: Actor, channelId: string): Promise<void> {
    const { channel } = await actor.access.requireChannel(channelId, Permissions.MANAGE_CHANNELS);
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.delete(trx, channelId))) throw notFound('channel');
      await emit(
        'CHANNEL_DELETE',
        channel.server_id,
        { id: channelId, server_id: channel.server_id },
        channelId,
      );
    });
  }
}
