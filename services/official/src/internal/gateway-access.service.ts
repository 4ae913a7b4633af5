/** What the Edge asks before subscribing a socket: is the user a member, and which channels may they view. */
import { Access } from '../access/access.service.ts';
import type { AccessRepository } from '../access/access.repository.ts';

export class GatewayAccessService {
  constructor(private readonly repo: AccessRepository) {}

  async check(
    userId: string,
    serverId: string,
    channelIds?: string[],
  ): Promise<{ member: boolean; channel_ids: string[] }> {
    const visible = await new Access(this.repo, userId).visibleChannelIds(serverId);
    if (!visible) return { member: false, channel_ids: [] };
    if (channelIds === undefined) return { member: true, channel_ids: visible };
    const allowed = new Set(visible);
    return { member: true, channel_ids: [...new Set(channelIds)].filter((id) => allowed.has(id)) };
  }
}
