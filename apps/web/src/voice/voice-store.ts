/** Who is in which voice channel of each server: loaded per server, then kept by VOICE_STATE_UPDATE. */
import type { VoiceState } from './voice-api.ts';

type Listener = () => void;
const EMPTY: VoiceState[] = [];

export class VoiceStateStore {
  /** server id → user id → state (insertion order is join order) */
  private byServer = new Map<string, Map<string, VoiceState>>();
  private cache = new Map<string, VoiceState[]>();
  private readonly listeners = new Set<Listener>();

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private emit(): void {
    this.cache.clear();
    for (const l of this.listeners) l();
  }

  /** Replaces a server's states with a fresh list (GET voice-states). */
  load(serverId: string, states: VoiceState[]): void {
    const map = new Map<string, VoiceState>();
    for (const s of states) if (s.channel_id) map.set(s.user_id, { ...s, server_id: serverId });
    this.byServer.set(serverId, map);
    this.emit();
  }

  /** One VOICE_STATE_UPDATE: a join, a change, a move, or a leave (`channel_id: null`). */
  apply(state: VoiceState): void {
    let map = this.byServer.get(state.server_id);
    if (!map) this.byServer.set(state.server_id, (map = new Map()));
    const before = map.get(state.user_id);
    if (!state.channel_id) {
      if (!before) return;
      map.delete(state.user_id);
    } else if (before && before.channel_id !== state.channel_id) {
      // a move puts the user at the end of the new channel's list
      map.delete(state.user_id);
      map.set(state.user_id, state);
    } else map.set(state.user_id, state);
    this.emit();
  }

  /** Everyone in a voice channel, in join order (the same array until something changes). */
  inChannel(serverId: string, channelId: string): VoiceState[] {
    const key = `${serverId}/${channelId}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const list = [...(this.byServer.get(serverId)?.values() ?? [])].filter((s) => s.channel_id === channelId);
    const out = list.length ? list : EMPTY;
    this.cache.set(key, out);
    return out;
  }

  /** A user's state in a server, if connected there. */
  of(serverId: string, userId: string): VoiceState | undefined {
    return this.byServer.get(serverId)?.get(userId);
  }

  /** Forgets a server (left, or the gateway lost track and it will be loaded again). */
  drop(serverId: string): void {
    if (this.byServer.delete(serverId)) this.emit();
  }
}
