/** Reads presence the Edge maintains: `presence:<user_id>` counts open sockets, online when > 0. */
import type { Cache } from '@twopointo/cache';
import { presenceUserKey } from '@twopointo/server-kit';

export async function onlineUsers(cache: Cache, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const counts = await cache.mget(userIds.map(presenceUserKey));
  return new Set(userIds.filter((_, i) => Number(counts[i] ?? 0) > 0));
}
