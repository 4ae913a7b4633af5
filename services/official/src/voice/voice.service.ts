/**
 * Voice channels (as Discord): CONNECT to join, `user_limit` (MOVE_MEMBERS goes past it), one voice
 * channel per user (joining another leaves the first), STREAM for camera and screen, moderators
 * mute/deafen (MUTE_MEMBERS / DEAFEN_MEMBERS, enforced at Janus) and move/disconnect
 * (MOVE_MEMBERS). State lives in the cache; every join, leave and change publishes an ephemeral
 * VOICE_STATE_UPDATE to the server (GET voice-states gives the whole list after a reconnect).
 */
import { randomBytes } from 'node:crypto';
import type { EventBus } from '@twopointo/bus';
import {
  AppError,
  Permissions,
  badRequest,
  forbidden,
  hasPermission,
  notFound,
  type VoiceState,
} from '@twopointo/shared';
import type { AccessRepository } from '../access/access.repository.ts';
import { Access, type ChannelAccess } from '../access/access.service.ts';
import type { Actor } from '../http/trust.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import { mintCredentials, type CredentialOptions, type IceServer } from './credentials.ts';
import { DEFAULT_BITRATE, DEFAULT_PUBLISHERS, voiceUnavailable, type MediaRooms } from './media-rooms.ts';
import type { VoiceRecord, VoiceStateStore } from './voice-state.store.ts';

export interface JoinAnswer {
  /** the Edge's WebSocket path to Janus for this room (same origin) */
  url: string;
  /** put in every Janus API request (`token`) */
  token: string;
  /** put in the VideoRoom `join` requests (publisher and subscribers) */
  join_token: string;
  room: string;
  /** the `id` to join the room with */
  participant_id: string;
  expires_at: string;
  ice_servers: IceServer[];
  bitrate: number;
  voice_state: VoiceState;
}

export interface SelfUpdate {
  self_mute?: boolean;
  self_deaf?: boolean;
  self_video?: boolean;
  self_stream?: boolean;
}

export interface ModeratorUpdate {
  mute?: boolean;
  deaf?: boolean;
  channel_id?: string | null;
}

/** The wire object of a record (channel_id null: the leave announcement). */
export function presentVoiceState(r: VoiceRecord, channelId: string | null = r.channel_id): VoiceState {
  return {
    user_id: r.user_id,
    server_id: r.server_id,
    channel_id: channelId,
    self_mute: r.self_mute,
    self_deaf: r.self_deaf,
    mute: r.mute,
    deaf: r.deaf,
    self_video: r.self_video,
    self_stream: r.self_stream,
    suppress: r.suppress,
  };
}

/** Whether Janus should hold the participant's audio back. */
export const silenced = (r: Pick<VoiceRecord, 'mute' | 'deaf' | 'suppress'>) =>
  r.mute || r.deaf || r.suppress;

/**
 * Member timeouts come from the permission resolver (branch community-server): it withholds
 * CONNECT and SPEAK from a timed-out member, so a join is refused (403) and VoiceAccessWatcher
 * disconnects one already in voice on MEMBER_UPDATE. Until that merges, timeouts are not known.
 */
function mayNotSpeak(access: ChannelAccess): boolean {
  return !hasPermission(access.channelPermissions, Permissions.SPEAK);
}

export class VoiceService {
  constructor(
    private readonly store: VoiceStateStore,
    private readonly rooms: MediaRooms | null,
    private readonly bus: EventBus,
    private readonly accessRepo: AccessRepository,
    private readonly members: MemberRepository,
    private readonly credentials: CredentialOptions | null,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  get available(): boolean {
    return this.rooms !== null;
  }

  private media(): { rooms: MediaRooms; creds: CredentialOptions } {
    if (!this.rooms || !this.credentials) throw voiceUnavailable();
    return { rooms: this.rooms, creds: this.credentials };
  }

  async join(
    actor: Actor,
    channelId: string,
    body: { self_mute?: boolean; self_deaf?: boolean },
  ): Promise<JoinAnswer> {
    const access = await actor.access.requireChannel(channelId, Permissions.CONNECT);
    const { rooms, creds } = this.media();
    const { channel } = access;
    if (channel.type !== 'voice')
      throw badRequest(
        'not_voice_channel',
        `Voice calls happen in voice channels; this one is a ${channel.type} channel`,
      );
    const before = await this.store.get(actor.id);
    return this.store.withLocks([channel.server_id, before?.server_id ?? channel.server_id], async () => {
      const current = await this.store.get(actor.id);
      if (current && current.server_id !== channel.server_id && current.server_id !== before?.server_id)
        throw new AppError(503, 'unavailable', 'Voice state changed meanwhile; retry');
      const shape = {
        bitrate: channel.bitrate ?? DEFAULT_BITRATE,
        publishers: Math.max(channel.user_limit ?? 0, DEFAULT_PUBLISHERS),
      };
      const mint = (roomId: string) => mintCredentials(creds, roomId, actor.id);
      let admitted: { roomId: string; minted: ReturnType<typeof mint> };
      let record: VoiceRecord;
      if (current && current.channel_id === channelId) {
        // a refresh (new tokens before expires_at) or the first credentials after a move
        admitted = await rooms.admit(channelId, shape, mint);
        if (current.room_token) await rooms.revokeToken(channelId, current.room_token).catch(() => undefined);
        record = {
          ...current,
          self_mute: body.self_mute ?? current.self_mute,
          self_deaf: body.self_deaf ?? current.self_deaf,
          suppress: mayNotSpeak(access),
          room_token: admitted.minted.join_token,
        };
        await this.store.put(record);
        if (changed(current, record)) this.announce(record);
      } else {
        const inChannel = Object.keys(await this.store.inChannel(channelId)).filter((u) => u !== actor.id);
        const limit = channel.user_limit ?? 0;
        if (
          limit > 0 &&
          inChannel.length >= limit &&
          !hasPermission(access.channelPermissions, Permissions.MOVE_MEMBERS)
        )
          throw forbidden(`This voice channel is full (${limit} users)`, 'voice_channel_full');
        admitted = await rooms.admit(channelId, shape, mint);
        if (current) await this.removeLocked(current);
        const mod = await this.store.moderation(channel.server_id, actor.id);
        record = {
          user_id: actor.id,
          server_id: channel.server_id,
          channel_id: channelId,
          self_mute: body.self_mute ?? false,
          self_deaf: body.self_deaf ?? false,
          mute: mod.mute,
          deaf: mod.deaf,
          self_video: false,
          self_stream: false,
          suppress: mayNotSpeak(access),
          participant_id: `${actor.id}-${randomBytes(6).toString('hex')}`,
          room_token: admitted.minted.join_token,
          absent_since: null,
        };
        await this.store.put(record);
        this.announce(record);
      }
      const { minted, roomId } = admitted;
      return {
        url: `/voice?token=${encodeURIComponent(minted.join_token)}`,
        token: minted.token,
        join_token: minted.join_token,
        room: roomId,
        participant_id: record.participant_id,
        expires_at: minted.expires_at,
        ice_servers: minted.ice_servers,
        bitrate: shape.bitrate,
        voice_state: presentVoiceState(record),
      };
    });
  }

  /** Leaves the channel if the caller is in it (idempotent). */
  async leave(actor: Actor, channelId: string): Promise<void> {
    const current = await this.store.get(actor.id);
    if (!current || current.channel_id !== channelId) return;
    await this.disconnect(actor.id, (r) => r.channel_id === channelId);
  }

  /** Removes the user from voice (when `still` holds for their record under the lock). */
  async disconnect(userId: string, still: (r: VoiceRecord) => boolean = () => true): Promise<boolean> {
    const current = await this.store.get(userId);
    if (!current) return false;
    return this.store.withLocks([current.server_id], async () => {
      const r = await this.store.get(userId);
      if (!r || r.server_id !== current.server_id || !still(r)) return false;
      await this.removeLocked(r);
      return true;
    });
  }

  async updateSelf(actor: Actor, body: SelfUpdate): Promise<VoiceState> {
    const current = await this.store.get(actor.id);
    if (!current) throw badRequest('not_in_voice', 'You are not connected to voice');
    if (body.self_video === true || body.self_stream === true)
      await actor.access.requireChannel(current.channel_id, Permissions.STREAM);
    return this.store.withLocks([current.server_id], async () => {
      const r = await this.store.get(actor.id);
      if (!r) throw badRequest('not_in_voice', 'You are not connected to voice');
      const next: VoiceRecord = {
        ...r,
        self_mute: body.self_mute ?? r.self_mute,
        self_deaf: body.self_deaf ?? r.self_deaf,
        self_video: body.self_video ?? r.self_video,
        self_stream: body.self_stream ?? r.self_stream,
      };
      if (changed(r, next)) {
        await this.store.put(next);
        this.announce(next);
      }
      return presentVoiceState(next);
    });
  }

  async moderate(
    actor: Actor,
    serverId: string,
    userId: string,
    body: ModeratorUpdate,
  ): Promise<VoiceState | null> {
    const bits =
      (body.mute !== undefined ? Permissions.MUTE_MEMBERS : 0n) |
      (body.deaf !== undefined ? Permissions.DEAFEN_MEMBERS : 0n) |
      (body.channel_id !== undefined ? Permissions.MOVE_MEMBERS : 0n);
    await actor.access.requirePermission(serverId, bits);
    if (!(await this.members.find(serverId, userId))) throw notFound('member');
    const { rooms } = this.media();
    let target: ChannelAccess | null = null;
    if (typeof body.channel_id === 'string') {
      // the mover must see the channel; the moved member must be allowed to connect to it
      const seen = await actor.access.requireChannel(body.channel_id);
      if (seen.channel.server_id !== serverId) throw notFound('channel');
      if (seen.channel.type !== 'voice')
        throw badRequest('not_voice_channel', 'Members can only be moved to a voice channel');
      target = await new Access(this.accessRepo, userId)
        .requireChannel(body.channel_id)
        .catch((err: unknown) => {
          throw err instanceof AppError && err.status === 404 ? notFound('channel') : err;
        });
      if (!hasPermission(target.channelPermissions, Permissions.CONNECT))
        throw forbidden('The member may not connect to that channel (CONNECT)', 'missing_permission');
    }
    return this.store.withLocks([serverId], async () => {
      const r = await this.store.get(userId);
      const here = r && r.server_id === serverId ? r : null;
      if (body.channel_id !== undefined && !here)
        throw badRequest('not_in_voice', 'The member is not connected to voice in this server');
      const mod = await this.store.moderation(serverId, userId);
      const nextMod = { mute: body.mute ?? mod.mute, deaf: body.deaf ?? mod.deaf };
      await this.store.setModeration(serverId, userId, nextMod);
      if (!here) return null;
      if (body.channel_id === null) {
        await this.removeLocked(here);
        return presentVoiceState(here, null);
      }
      let next: VoiceRecord = { ...here, ...nextMod };
      if (target && target.channel.id !== here.channel_id) {
        // out of the old room; the client POSTs to the new channel for its credentials
        await this.takeOut(here);
        next = {
          ...next,
          channel_id: target.channel.id,
          participant_id: `${userId}-${randomBytes(6).toString('hex')}`,
          room_token: '',
          self_video: false,
          self_stream: false,
          suppress: mayNotSpeak(target),
        };
        await this.store.remove(here);
      } else if (silenced(next) !== silenced(here)) {
        await rooms
          .moderateAudio(here.channel_id, here.participant_id, silenced(next))
          .catch((err: unknown) =>
            this.log.warn({ err: String(err) }, 'voice: moderate failed; the sweep retries'),
          );
      }
      await this.store.put(next);
      if (changed(here, next)) this.announce(next);
      return presentVoiceState(next);
    });
  }

  /** `suppress` follows SPEAK in the channel (the access watcher calls this), enforced at Janus. */
  async setSuppress(userId: string, channelId: string, suppress: boolean): Promise<void> {
    const current = await this.store.get(userId);
    if (!current || current.channel_id !== channelId) return;
    await this.store.withLocks([current.server_id], async () => {
      const r = await this.store.get(userId);
      if (!r || r.channel_id !== channelId || r.suppress === suppress) return;
      const next = { ...r, suppress };
      await this.store.put(next);
      if (silenced(next) !== silenced(r) && this.rooms)
        await this.rooms
          .moderateAudio(r.channel_id, r.participant_id, silenced(next))
          .catch((err: unknown) =>
            this.log.warn({ err: String(err) }, 'voice: moderate failed; the sweep retries'),
          );
      this.announce(next);
    });
  }

  async list(actor: Actor, serverId: string): Promise<VoiceState[]> {
    const visible = await actor.access.visibleChannelIds(serverId);
    if (visible === null) throw notFound('server');
    const seen = new Set(visible);
    return (await this.store.inServer(serverId))
      .filter((r) => seen.has(r.channel_id))
      .map((r) => presentVoiceState(r));
  }

  /** Under the server's lock: out of the room, state gone, leave announced. */
  private async removeLocked(r: VoiceRecord): Promise<void> {
    await this.takeOut(r);
    await this.store.remove(r);
    this.announce(r, null);
  }

  /** The user's admission and participant leave the room; an emptied room is destroyed. */
  private async takeOut(r: VoiceRecord): Promise<void> {
    if (!this.rooms) return;
    try {
      await this.rooms.revoke(r.channel_id, r.room_token, r.participant_id);
      const left = Object.keys(await this.store.inChannel(r.channel_id)).filter((u) => u !== r.user_id);
      if (left.length === 0) await this.rooms.destroy(r.channel_id);
    } catch (err) {
      // the state still goes: the sweep kicks strangers from rooms it can reach again
      this.log.warn({ err: String(err), channel_id: r.channel_id }, 'voice: leaving the media room failed');
    }
  }

  announce(r: VoiceRecord, channelId: string | null = r.channel_id): void {
    this.bus.publishEphemeral({
      t: 'VOICE_STATE_UPDATE',
      server_id: r.server_id,
      d: presentVoiceState(r, channelId),
    });
  }
}

function changed(a: VoiceRecord, b: VoiceRecord): boolean {
  const x = presentVoiceState(a);
  const y = presentVoiceState(b);
  return (Object.keys(x) as (keyof VoiceState)[]).some((k) => x[k] !== y[k]);
}
