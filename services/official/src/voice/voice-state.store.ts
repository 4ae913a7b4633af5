/**
 * Voice state in the cache (memory embedded, Redis when scaled), the only place it lives:
 * `voice:user:<uid>` the record, indexes `voice:server:<sid>` (uid → channel), `voice:channel:<cid>`
 * (uid → participant id) and `voice:users` (uid → server, for the sweep); `voice:room:<cid>` the
 * Janus room (server URL and secret); `voice:mod:<sid>:<uid>` server mute/deaf, kept across
 * joins; `voice:lock:<sid>` a short lock around every change of a server's voice state.
 */
import type { Cache } from '@twopointo/cache';
import { unavailable, type VoiceState } from '@twopointo/shared';

export interface VoiceRecord extends VoiceState {
  channel_id: string;
  /** the VideoRoom participant id the client joins with */
  participant_id: string;
  /** the allowed-list token of the current admission */
  room_token: string;
  /** ms since epoch when the sweep first saw the user without a gateway socket */
  absent_since: number | null;
}

export interface RoomRecord {
  server: string;
  /** the VideoRoom id: the channel id, suffixed when a lost room blocked that id */
  id: string;
  secret: string;
}

export interface Moderation {
  mute: boolean;
  deaf: boolean;
}

const USERS = 'voice:users';
const userKey = (uid: string) => `voice:user:${uid}`;
const serverKey = (sid: string) => `voice:server:${sid}`;
const channelKey = (cid: string) => `voice:channel:${cid}`;
const roomKey = (cid: string) => `voice:room:${cid}`;
const modKey = (sid: string, uid: string) => `voice:mod:${sid}:${uid}`;
const lockKey = (sid: string) => `voice:lock:${sid}`;

const LOCK_TTL_S = 15;
const LOCK_WAIT_MS = 10_000;

function parse<T>(raw: string | null): T | null {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export class VoiceStateStore {
  constructor(private readonly cache: Cache) {}

  async get(userId: string): Promise<VoiceRecord | null> {
    return parse<VoiceRecord>(await this.cache.get(userKey(userId)));
  }

  /** The records of several users in one round trip (null where none). */
  async getMany(userIds: string[]): Promise<(VoiceRecord | null)[]> {
    if (userIds.length === 0) return [];
    return (await this.cache.mget(userIds.map(userKey))).map((raw) => parse<VoiceRecord>(raw));
  }

  async put(r: VoiceRecord): Promise<void> {
    await this.cache.set(userKey(r.user_id), JSON.stringify(r), 0);
    await Promise.all([
      this.cache.hset(serverKey(r.server_id), r.user_id, r.channel_id),
      this.cache.hset(channelKey(r.channel_id), r.user_id, r.participant_id),
      this.cache.hset(USERS, r.user_id, r.server_id),
    ]);
  }

  /** Removes the record and its index entries; false when it was already gone. */
  async remove(r: Pick<VoiceRecord, 'user_id' | 'server_id' | 'channel_id'>): Promise<boolean> {
    const [, , gone] = await Promise.all([
      this.cache.hdel(serverKey(r.server_id), r.user_id),
      this.cache.hdel(channelKey(r.channel_id), r.user_id),
      this.cache.hdel(USERS, r.user_id),
    ]);
    await this.cache.del(userKey(r.user_id));
    return gone === 1;
  }

  /** Every record of the server's voice channels. */
  async inServer(serverId: string): Promise<VoiceRecord[]> {
    const ids = Object.keys(await this.cache.hgetall(serverKey(serverId)));
    if (ids.length === 0) return [];
    const raws = await this.cache.mget(ids.map(userKey));
    return raws
      .map((r) => parse<VoiceRecord>(r))
      .filter((r): r is VoiceRecord => r !== null && r.server_id === serverId);
  }

  /** user id → participant id of everyone in the channel. */
  inChannel(channelId: string): Promise<Record<string, string>> {
    return this.cache.hgetall(channelKey(channelId));
  }

  /** user id → server id of everyone in voice anywhere (the sweep's list). */
  everyone(): Promise<Record<string, string>> {
    return this.cache.hgetall(USERS);
  }

  async room(channelId: string): Promise<RoomRecord | null> {
    return parse<RoomRecord>(await this.cache.get(roomKey(channelId)));
  }

  setRoom(channelId: string, room: RoomRecord): Promise<void> {
    return this.cache.set(roomKey(channelId), JSON.stringify(room), 0);
  }

  dropRoom(channelId: string): Promise<void> {
    return this.cache.del(roomKey(channelId));
  }

  async moderation(serverId: string, userId: string): Promise<Moderation> {
    return parse<Moderation>(await this.cache.get(modKey(serverId, userId))) ?? { mute: false, deaf: false };
  }

  setModeration(serverId: string, userId: string, m: Moderation): Promise<void> {
    if (!m.mute && !m.deaf) return this.cache.del(modKey(serverId, userId));
    return this.cache.set(modKey(serverId, userId), JSON.stringify(m), 0);
  }

  /**
   * Runs `fn` holding the voice locks of the servers (taken in id order, so two callers never
   * wait on each other crosswise). A lock outlives a crashed holder by at most LOCK_TTL_S.
   */
  async withLocks<T>(serverIds: string[], fn: () => Promise<T>): Promise<T> {
    const ids = [...new Set(serverIds)].sort();
    const held: string[] = [];
    try {
      for (const id of ids) {
        await this.lock(lockKey(id));
        held.push(lockKey(id));
      }
      return await fn();
    } finally {
      for (const key of held.reverse()) await this.cache.del(key).catch(() => undefined);
    }
  }

  private async lock(key: string): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      if ((await this.cache.incr(key, 1, LOCK_TTL_S)) === 1) return;
      if (Date.now() > deadline) throw unavailable('Voice is busy; retry');
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
