/** Typing notifications: checked and rate limited like a message, published ephemerally, never stored. */
import type { EventBus } from '@twopointo/bus';
import type { Limit, RateLimiter } from '@twopointo/cache';
import { Permissions } from '@twopointo/shared';
import { requireTextChannel } from '../access/access.service.ts';
import type { Actor } from '../http/trust.ts';

export class TypingService {
  constructor(
    private readonly bus: EventBus,
    private readonly limiter: RateLimiter,
    private readonly limit: Limit,
  ) {}

  async start(actor: Actor, channelId: string): Promise<void> {
    const { channel, user } = await actor.access.requireChannel(
      channelId,
      Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES,
    );
    requireTextChannel(channel);
    await this.limiter.consume(`typing:${actor.id}:${channelId}`, this.limit);
    this.bus.publishEphemeral({
      t: 'TYPING_START',
      server_id: channel.server_id,
      channel_id: channelId,
      d: {
        channel_id: channelId,
        server_id: channel.server_id,
        user_id: actor.id,
        username: user.username,
        timestamp: new Date().toISOString(),
      },
    });
  }
}
