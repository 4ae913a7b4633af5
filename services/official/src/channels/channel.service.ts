/** Channel rules: members list what they can see; MANAGE_CHANNELS creates, edits, deletes. */
import type { DB, Kysely } from '@twopointo/db';
import { Permissions, badRequest, newId, notFound, type Channel, type ChannelType } from '@twopointo/shared';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import { DEFAULT_BITRATE, presentChannel } from './channel.presenter.ts';
import type { ChannelPatch, ChannelRepository } from './channel.repository.ts';

export interface CreateChannelInput {
  name: string;
  type?: ChannelType;
  topic?: string | null;
  parent_id?: string | null;
  user_limit?: number;
  bitrate?: number;
}
export type UpdateChannelInput = ChannelPatch;

/** user_limit and bitrate belong to voice channels only. */
function checkVoiceFields(type: ChannelType, body: { user_limit?: number; bitrate?: number }): void {
  if (type === 'voice') return;
  for (const key of ['user_limit', 'bitrate'] as const)
    if (body[key] !== undefined)
      throw badRequest('invalid_input', `body.${key}: only voice channels have one`);
}

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

  async create(actor: Actor, serverId: string, body: CreateChannelInput): Promise<Channel> {
    await actor.access.requirePermission(serverId, Permissions.MANAGE_CHANNELS);
    const name = normaliseChannelName(body.name);
    const type = body.type ?? 'text';
    checkVoiceFields(type, body);
    const parentId = body.parent_id ?? null;
    return this.tx.run(async (trx, emit) => {
      if (parentId !== null) await this.checkParent(trx, serverId, type, parentId);
      const voice = type === 'voice';
      const row = await this.repo.create(trx, {
        id: newId(),
        serverId,
        name,
        type,
        topic: normaliseTopic(body.topic),
        parentId,
        userLimit: voice ? (body.user_limit ?? 0) : null,
        bitrate: voice ? (body.bitrate ?? DEFAULT_BITRATE) : null,
      });
      const channel = presentChannel(row);
      // server-scoped: nobody is subscribed to a channel that did not exist yet
      await emit('CHANNEL_CREATE', serverId, channel);
      return channel;
    });
  }

  async list(actor: Actor, serverId: string): Promise<Channel[]> {
    const access = await actor.access.requireServerMember(serverId);
    return (await actor.access.visibleChannels(access)).map(presentChannel);
  }

  async update(actor: Actor, channelId: string, body: UpdateChannelInput): Promise<Channel> {
    const { channel } = await actor.access.requireChannel(channelId, Permissions.MANAGE_CHANNELS);
    checkVoiceFields(channel.type, body);
    const patch: ChannelPatch = {};
    if (body.name !== undefined) patch.name = normaliseChannelName(body.name);
    if (body.topic !== undefined) patch.topic = normaliseTopic(body.topic);
    if (body.position !== undefined) patch.position = body.position;
    if (body.parent_id !== undefined) patch.parent_id = body.parent_id;
    if (body.user_limit !== undefined) patch.user_limit = body.user_limit;
    if (body.bitrate !== undefined) patch.bitrate = body.bitrate;
    // the schema's minProperties also counts unknown keys: {"colour":1} must not reach an empty UPDATE
    if (Object.keys(patch).length === 0)
      throw badRequest('invalid_input', 'body: give name, topic, position, parent_id, user_limit or bitrate');
    return this.tx.run(async (trx, emit) => {
      if (patch.parent_id) await this.checkParent(trx, channel.server_id, channel.type, patch.parent_id);
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
      // a category's channels move to the top level (the foreign key would do it silently)
      const lifted = channel.type === 'category' ? await this.repo.liftChildren(trx, channelId) : [];
      for (const row of lifted) await emit('CHANNEL_UPDATE', channel.server_id, presentChannel(row), row.id);
      if (!(await this.repo.delete(trx, channelId))) throw notFound('channel');
      await emit(
        'CHANNEL_DELETE',
        channel.server_id,
        { id: channelId, server_id: channel.server_id },
        channelId,
      );
    });
  }

  /** A channel's parent is a category of the same server; categories do not nest. */
  private async checkParent(trx: Kysely<DB>, serverId: string, type: ChannelType, parentId: string) {
    if (type === 'category')
      throw badRequest('invalid_input', 'body.parent_id: a category cannot sit in a category');
    if ((await this.repo.typeIn(trx, serverId, parentId)) !== 'category')
      throw badRequest('invalid_input', 'body.parent_id: must be a category of this server');
  }
}
