/**
 * Rendezvous (highest random weight) hashing: a room goes to the server with the highest
 * hash(server, room). Adding a server moves only the rooms that now score highest on it (about
 * 1/n of them); removing one moves only its own rooms. Official and the Edge compute the same.
 */
import { createHash } from 'node:crypto';

function weight(server: string, key: string): bigint {
  return createHash('sha256').update(server).update('\0').update(key).digest().readBigUInt64BE(0);
}

/** The server for `key`, or undefined when there is none. */
export function pickServer(servers: readonly string[], key: string): string | undefined {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const server of servers) {
    const w = weight(server, key);
    if (w > bestWeight || (w === bestWeight && best !== undefined && server < best)) {
      best = server;
      bestWeight = w;
    }
  }
  return best;
}

/**
 * The hashing key of a VideoRoom id: its channel id (the part before any `-suffix`), so a room
 * re-created under a suffixed id stays on its channel's server.
 */
export function roomHashKey(roomId: string): string {
  return roomId.split('-')[0] ?? roomId;
}
