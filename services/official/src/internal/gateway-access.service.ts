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
    const access = new Access(this.repo, userId);
    const server = await access.serverAccess(serverId);
    if (!server) return { member: false, channel_ids: [] };
    const visible = (await access.visibleChannels(server)).map((c) => c.id);
    if (channelIds === undefined) return { member: true, channel_ids: visible };
    const allowed = new Set(visible);
    return { member: true, channel_ids: [...new Set(channelIds)].filter((id) => allowed.has(id)) };
  }
}
