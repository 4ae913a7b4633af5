/** Channel rules: members list what they can see; MANAGE_CHANNELS creates, edits, deletes. */
import type { DB, Kysely } from '@twopointo/db';
import { Permissions, badRequest, newId, notFound, type Channel, type ChannelType } from '@twopointo/shared';
import { diff, type AuditRepository } from '../audit/audit.repository.ts';
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
export type ReorderChannelsInput = { id: string; position: number; parent_id?: string | null }[];

const AUDITED = ['name', 'type', 'topic', 'position', 'parent_id', 'user_limit', 'bitrate'] as const;

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
    private readonly audit: AuditRepository,
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
      await this.audit.record(trx, {
        serverId,
        action: 'channel_create',
        actorId: actor.id,
        targetId: channel.id,
        reason: actor.reason,
        changes: diff({} as Partial<Channel>, channel, AUDITED),
      });
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
      const changes = diff(presentChannel({ ...channel, last_message_id: null }), updated, AUDITED);
      if (changes.length > 0)
        await this.audit.record(trx, {
          serverId: channel.server_id,
          action: 'channel_update',
          actorId: actor.id,
          targetId: channelId,
          reason: actor.reason,
          changes,
        });
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
      await this.audit.record(trx, {
        serverId: channel.server_id,
        action: 'channel_delete',
        actorId: actor.id,
        targetId: channelId,
        reason: actor.reason,
        changes: [
          { key: 'name', old: channel.name },
          { key: 'type', old: channel.type },
        ],
      });
      await emit(
        'CHANNEL_DELETE',
        channel.server_id,
        { id: channelId, server_id: channel.server_id },
        channelId,
      );
    });
  }

  /**
   * Moves and re-parents channels in one transaction (MANAGE_CHANNELS at server level):
   * CHANNEL_UPDATE and an audit entry for each channel that changed.
   */
  async reorder(actor: Actor, serverId: string, body: ReorderChannelsInput): Promise<Channel[]> {
    await actor.access.requirePermission(serverId, Permissions.MANAGE_CHANNELS);
    const seen = new Set<string>();
    for (const [i, item] of body.entries()) {
      if (seen.has(item.id)) throw badRequest('invalid_input', `body/${i}/id: listed twice`);
      seen.add(item.id);
    }
    return this.tx.run(async (trx, emit) => {
      const all = await this.repo.list(trx, serverId);
      const byId = new Map(all.map((c) => [c.id, c]));
      const out: Channel[] = [];
      for (const [i, item] of body.entries()) {
        const channel = byId.get(item.id);
        if (!channel) throw badRequest('invalid_input', `body/${i}/id: not a channel of this server`);
        const patch: ChannelPatch = {};
        if (item.position !== channel.position) patch.position = item.position;
        if (item.parent_id !== undefined && item.parent_id !== channel.parent_id) {
          if (item.parent_id !== null) {
            const parent = byId.get(item.parent_id);
            if (channel.type === 'category')
              throw badRequest('invalid_input', `body/${i}/parent_id: a category cannot sit in a category`);
            if (parent?.type !== 'category')
              throw badRequest('invalid_input', `body/${i}/parent_id: must be a category of this server`);
          }
          patch.parent_id = item.parent_id;
        }
        if (Object.keys(patch).length === 0) continue;
        const row = await this.repo.update(trx, item.id, patch);
        if (!row) throw notFound('channel');
        const updated = presentChannel(row);
        await this.audit.record(trx, {
          serverId,
          action: 'channel_update',
          actorId: actor.id,
          targetId: item.id,
          reason: actor.reason,
          changes: diff(presentChannel(channel), updated, ['position', 'parent_id']),
        });
        await emit('CHANNEL_UPDATE', serverId, updated, item.id);
        out.push(updated);
      }
      return out;
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
