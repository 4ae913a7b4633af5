/**
 * Voice follows access changes (as Discord): when a member leaves or is kicked, a channel or the
 * server is deleted, or roles/overwrites change, the server's users in voice are checked again;
 * one who can no longer see the channel or CONNECT to it is disconnected, and `suppress` follows
 * SPEAK (enforced at Janus like a server mute). Driven by the durable events on the bus, so it
 * holds for changes made by any Official.
 */
import type { SequencedRecord } from '@twopointo/bus';
import { AppError, Permissions, hasPermission } from '@twopointo/shared';
import type { AccessRepository } from '../access/access.repository.ts';
import { Access } from '../access/access.service.ts';
import type { VoiceStateStore } from './voice-state.store.ts';
import type { VoiceService } from './voice.service.ts';

const RECHECKED = new Set([
  'MEMBER_LEAVE',
  'CHANNEL_DELETE',
  'CHANNEL_UPDATE',
  'SERVER_DELETE',
  'PERMISSIONS_UPDATE',
]);

export class VoiceAccessWatcher {
  private readonly pending = new Set<string>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: VoiceStateStore,
    private readonly voice: VoiceService,
    private readonly accessRepo: AccessRepository,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  readonly onRecord = (r: SequencedRecord): void => {
    if (!RECHECKED.has(r.t) || !r.server_id || this.pending.has(r.server_id)) return;
    this.pending.add(r.server_id);
    // one recheck per server at a time; events arriving meanwhile fold into the queued one
    this.running = this.running.then(async () => {
      this.pending.delete(r.server_id);
      await this.recheck(r.server_id).catch((err: unknown) =>
        this.log.warn({ err: String(err), server_id: r.server_id }, 'voice: access recheck failed'),
      );
    });
  };

  /** Waits for the queued rechecks (tests, shutdown). */
  idle(): Promise<void> {
    return this.running;
  }

  async recheck(serverId: string): Promise<void> {
    for (const r of await this.store.inServer(serverId)) {
      let speak: boolean;
      try {
        const access = await new Access(this.accessRepo, r.user_id).requireChannel(
          r.channel_id,
          Permissions.CONNECT,
        );
        if (access.channel.type !== 'voice')
          throw new AppError(404, 'unknown_channel', 'not a voice channel');
        speak = hasPermission(access.channelPermissions, Permissions.SPEAK);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        await this.voice.disconnect(r.user_id, (x) => x.channel_id === r.channel_id);
        continue;
      }
      if (speak === r.suppress) await this.voice.setSuppress(r.user_id, r.channel_id, !speak);
    }
  }
}
