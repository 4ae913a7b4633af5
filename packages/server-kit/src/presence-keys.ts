/**
 * Presence keys in the cache: the Edge writes them, Official reads them, so the format is
 * defined once here and the two services cannot drift apart.
 */

/** Open sockets of a user across every Edge (online when > 0). */
export function presenceUserKey(userId: string): string {
  return `presence:${userId}`;
}

/** Sockets of a user subscribed to a server. */
export function presenceServerKey(serverId: string, userId: string): string {
  return `presence:${serverId}:${userId}`;
}

/** Hash of every running Edge's lease: instance → expiry in ms. */
export const PRESENCE_LEASES_KEY = 'presence:edges';

/** Hash of what one Edge instance added to the counts, so another can take it back if it dies. */
export function presenceLedgerKey(instance: string): string {
  return `presence:edge:${instance}`;
}
