/**
 * The voice sweep, every VOICE_SWEEP_MS on each Official (the server locks make concurrent
 * sweeps harmless):
 * - presence: a user in voice whose gateway sockets are all gone (`presence:<uid>` ≤ 0, the
 *   Edge's counts, repaired by another Edge when one dies) for longer than the grace (1.5
 *   heartbeat intervals) leaves voice; a socket coming back within it keeps the call.
 * - rooms: participants Janus holds that are not a current admission's participant id are kicked
 *   (a client joining under another id, leftovers of a failed leave), and a silenced user's audio
 *   is moderated when they join and again when their feed goes live (a stream published after
 *   the mute; its mids are known only then).
 */
import type { Cache } from '@twopointo/cache';
import { presenceUserKey } from '@twopointo/server-kit';
import type { MediaRooms } from './media-rooms.ts';
import type { VoiceRecord, VoiceStateStore } from './voice-state.store.ts';
import { silenced, type VoiceService } from './voice.service.ts';

export interface SweeperOptions {
  graceMs: number;
  intervalMs: number;
  log: { warn(obj: object, msg: string): void };
}

export class VoiceSweeper {
  private timer: NodeJS.Timeout | null = null;
  /** silenced participant → its `publisher` flag when this sweep last moderated it */
  private readonly moderated = new Map<string, boolean>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: VoiceStateStore,
    private readonly rooms: MediaRooms,
    private readonly voice: VoiceService,
    private readonly cache: Cache,
    private readonly o: SweeperOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((err: unknown) => this.o.log.warn({ err: String(err) }, 'voice sweep failed'))
        .finally(() => (this.running = null));
    }, this.o.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass (tests call it directly). */
  async sweep(now = Date.now()): Promise<void> {
    const everyone = await this.store.everyone();
    const userIds = Object.keys(everyone);
    if (this.moderated.size > 10_000) this.moderated.clear();
    if (userIds.length === 0) return;
    await this.presence(userIds, now);
    for (const serverId of new Set(Object.values(everyone))) await this.reconcile(serverId);
  }

  private async presence(userIds: string[], now: number): Promise<void> {
    const [counts, records] = await Promise.all([
      this.cache.mget(userIds.map(presenceUserKey)),
      this.store.getMany(userIds),
    ]);
    for (const [i, userId] of userIds.entries()) {
      const online = Number(counts[i] ?? 0) > 0;
      const r = records[i];
      if (!r) continue;
      if (online) {
        if (r.absent_since !== null) await this.mark(r, (x) => (x.absent_since !== null ? null : undefined));
      } else if (r.absent_since === null) {
        await this.mark(r, (x) => (x.absent_since === null ? now : undefined));
      } else if (now - r.absent_since > this.o.graceMs) {
        await this.voice.disconnect(
          userId,
          (x) => x.absent_since !== null && now - x.absent_since > this.o.graceMs,
        );
      }
    }
  }

  /** Sets absent_since under the lock when `next` gives a value (undefined: leave as is). */
  private async mark(r: VoiceRecord, next: (x: VoiceRecord) => number | null | undefined): Promise<void> {
    await this.store.withLocks([r.server_id], async () => {
      const x = await this.store.get(r.user_id);
      if (!x || x.server_id !== r.server_id) return;
      const v = next(x);
      if (v !== undefined) await this.store.put({ ...x, absent_since: v });
    });
  }

  private async reconcile(serverId: string): Promise<void> {
    const byChannel = new Map<string, VoiceRecord[]>();
    for (const r of await this.store.inServer(serverId)) {
      const list = byChannel.get(r.channel_id) ?? [];
      list.push(r);
      byChannel.set(r.channel_id, list);
    }
    for (const [channelId, records] of byChannel) {
      const admitted = new Map(records.map((r) => [r.participant_id, r]));
      for (const p of await this.rooms.participants(channelId)) {
        const r = admitted.get(p.id);
        if (!r) {
          await this.rooms.kick(channelId, p.id);
        } else if (!silenced(r)) {
          this.moderated.delete(p.id);
        } else if (this.moderated.get(p.id) !== p.publisher) {
          // once on joining, and again when the feed goes live (its mids are known then)
          await this.rooms.moderateAudio(channelId, p.id, true);
          this.moderated.set(p.id, p.publisher);
        }
      }
    }
  }
}
