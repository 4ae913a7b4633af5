/** Typing notifications: checked and rate limited like a message, published ephemerally, never stored (in a DM: to its recipients). */
import { USER_SCOPED, type EventBus } from '@twopointo/bus';
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
    const access = await actor.access.requireConversation(
      channelId,
      Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES,
    );
    if (access.kind === 'server') requireTextChannel(access.channel);
    await this.limiter.consume(`typing:${actor.id}:${channelId}`, this.limit);
    const d = {
      channel_id: channelId,
      server_id: access.channel.server_id,
      user_id: actor.id,
      username: access.user.username,
      timestamp: new Date().toISOString(),
    };
    // a DM's typing goes to its other recipients' sockets (no subscription), a channel's to its subscribers
    this.bus.publishEphemeral(
      access.kind === 'dm'
        ? {
            t: 'TYPING_START',
            server_id: USER_SCOPED,
            channel_id: channelId,
            user_ids: access.recipients.filter((id) => id !== actor.id),
            d,
          }
        : { t: 'TYPING_START', server_id: access.channel.server_id, channel_id: channelId, d },
    );
  }
}
