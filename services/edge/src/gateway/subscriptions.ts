/**
 * Who listens to what: server → sockets and channel → sockets, so an event finds its sockets
 * with one map lookup, never a scan. Each socket keeps its own server → channels map, the
 * mirror of these indexes (and what a session stores for RESUME).
 */

export interface Subscriber {
  /** server id → subscribed channel ids of that server */
  readonly subs: Map<string, Set<string>>;
}

/** Told when a server gains its first subscriber and loses its last (the Edge's bus interest follows). */
export interface ServerInterest {
  first(serverId: string): void;
  last(serverId: string): void;
}

export class SubscriptionIndex<S extends Subscriber> {
  readonly byServer = new Map<string, Set<S>>();
  readonly byChannel = new Map<string, Set<S>>();

  constructor(private readonly interest?: ServerInterest) {}

  /** Subscribes to the server (server-scoped events); true when it was not subscribed before. */
  addServer(s: S, serverId: string): boolean {
    if (s.subs.has(serverId)) return false;
    s.subs.set(serverId, new Set());
    if (add(this.byServer, serverId, s)) this.interest?.first(serverId);
    return true;
  }

  /** Adds channels of an already subscribed server; returns those newly added. */
  addChannels(s: S, serverId: string, channelIds: Iterable<string>): string[] {
    const mine = s.subs.get(serverId);
    if (!mine) return [];
    const added: string[] = [];
    for (const c of channelIds) {
      if (mine.has(c)) continue;
      mine.add(c);
      add(this.byChannel, c, s);
      added.push(c);
    }
    return added;
  }

  /** Removes channels (the server stays subscribed); returns those actually removed. */
  removeChannels(s: S, serverId: string, channelIds: Iterable<string>): string[] {
    const mine = s.subs.get(serverId);
    if (!mine) return [];
    const removed: string[] = [];
    for (const c of channelIds) {
      if (!mine.delete(c)) continue;
      remove(this.byChannel, c, s);
      removed.push(c);
    }
    return removed;
  }

  /** Drops the server and all its channels; returns the channels removed, or null if not subscribed. */
  removeServer(s: S, serverId: string): string[] | null {
    const mine = s.subs.get(serverId);
    if (!mine) return null;
    const removed = [...mine];
    for (const c of mine) remove(this.byChannel, c, s);
    s.subs.delete(serverId);
    if (remove(this.byServer, serverId, s)) this.interest?.last(serverId);
    return removed;
  }

  /** Drops everything the subscriber has; returns the server ids it had. */
  removeAll(s: S): string[] {
    const servers = [...s.subs.keys()];
    for (const sid of servers) this.removeServer(s, sid);
    return servers;
  }

  /** Whether an event routed by (server, channel?) reaches this subscriber. */
  static wants(s: Subscriber, serverId: string, channelId: string | undefined): boolean {
    const mine = s.subs.get(serverId);
    if (!mine) return false;
    return channelId === undefined || mine.has(channelId);
  }
}

/**
 * Whether a durable record reaches this socket: one addressed to its user (read states and the
 * like: no SUBSCRIBE needed), or one of a server — or channel — it subscribes to.
 */
export function reaches(
  s: Subscriber & { readonly userId: string },
  r: { user_id?: string; server_id: string; channel_id?: string },
): boolean {
  if (r.user_id !== undefined) return r.user_id === s.userId;
  return SubscriptionIndex.wants(s, r.server_id, r.channel_id || undefined);
}

/** Adds s under key; true when key had no one before. */
function add<S>(map: Map<string, Set<S>>, key: string, s: S): boolean {
  let set = map.get(key);
  const first = set === undefined;
  if (!set) map.set(key, (set = new Set()));
  set.add(s);
  return first;
}

/** Removes s from key; true when key has no one left. */
function remove<S>(map: Map<string, Set<S>>, key: string, s: S): boolean {
  const set = map.get(key);
  if (!set) return false;
  set.delete(s);
  if (set.size > 0) return false;
  map.delete(key);
  return true;
}
