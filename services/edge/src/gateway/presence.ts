/**
 * Presence from socket counts in the cache, so it holds across Edge instances:
 * `presence:<user_id>` open sockets (Official reads it for member status) and
 * `presence:<server_id>:<user_id>` sockets subscribed to that server. The first subscribed socket
 * announces "online" to the server's subscribers; the last one leaving announces "offline".
 */
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';

export class Presence {
  constructor(
    private readonly cache: Cache,
    private readonly bus: EventBus,
  ) {}

  async connected(userId: string): Promise<void> {
    await this.cache.incr(`presence:${userId}`, 1);
  }

  async disconnected(userId: string): Promise<void> {
    await this.cache.incr(`presence:${userId}`, -1);
  }

  /** Counts one more socket of the user in the server; true when it is the first (and was announced). */
  async joined(userId: string, serverId: string): Promise<boolean> {
    const n = await this.cache.incr(`presence:${serverId}:${userId}`, 1);
    if (n !== 1) return false;
    this.announce(userId, serverId, 'online');
    return true;
  }

  /** Counts one socket fewer; announces "offline" when none is left. */
  async left(userId: string, serverId: string): Promise<void> {
    const n = await this.cache.incr(`presence:${serverId}:${userId}`, -1);
    if (n <= 0) this.announce(userId, serverId, 'offline');
  }

  announce(userId: string, serverId: string, status: 'online' | 'offline'): void {
    this.bus.publishEphemeral({
      t: 'PRESENCE_UPDATE',
      server_id: serverId,
      d: { user_id: userId, server_id: serverId, status },
    });
  }
}
