/**
 * Presence from socket counts in the cache, so it holds across Edge instances:
 * `presence:<user_id>` open sockets (Official reads it for member status) and
 * `presence:<server_id>:<user_id>` sockets subscribed to that server (key builders in
 * `@twopointo/server-kit`, shared with Official). The first subscribed socket
 * announces "online" to the server's subscribers; the last one leaving announces "offline".
 *
 * An Edge that dies cannot take its counts back, so each instance also keeps a ledger of what it
 * added (`presence:edge:<instance>`, a hash: `u:<user>` and `s:<server>:<user>` → count) and
 * holds a lease in `presence:edges` (instance → expiry in ms), renewed while it runs. Every Edge
 * looks for expired leases; the one whose `hdel` of the lease answers 1 takes the dead instance's
 * ledger back out of the counters, announcing "offline" where a count reaches zero.
 */
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import {
  PRESENCE_LEASES_KEY,
  presenceLedgerKey,
  presenceServerKey,
  presenceUserKey,
} from '@twopointo/server-kit';

export interface PresenceOptions {
  /** this Edge's id (random per start) */
  instance: string;
  /** how long a lease lasts without renewal, ms; renewed every third of it */
  leaseMs: number;
}

export class Presence {
  private renewedAt = 0;
  private maintaining: Promise<number> | null = null;

  constructor(
    private readonly cache: Cache,
    private readonly bus: EventBus,
    private readonly opts: PresenceOptions,
  ) {}

  private get ledger(): string {
    return presenceLedgerKey(this.opts.instance);
  }

  async connected(userId: string): Promise<void> {
    await Promise.all([
      this.cache.incr(presenceUserKey(userId), 1),
      this.cache.hincr(this.ledger, `u:${userId}`, 1),
    ]);
  }

  async disconnected(userId: string): Promise<void> {
    await Promise.all([
      this.cache.incr(presenceUserKey(userId), -1),
      this.cache.hincr(this.ledger, `u:${userId}`, -1),
    ]);
  }

  /** Counts one more socket of the user in the server; true when it is the first (and was announced). */
  async joined(userId: string, serverId: string): Promise<boolean> {
    const [n] = await Promise.all([
      this.cache.incr(presenceServerKey(serverId, userId), 1),
      this.cache.hincr(this.ledger, `s:${serverId}:${userId}`, 1),
    ]);
    if (n !== 1) return false;
    this.announce(userId, serverId, 'online');
    return true;
  }

  /** Counts one socket fewer; announces "offline" when none is left. */
  async left(userId: string, serverId: string): Promise<void> {
    const [n] = await Promise.all([
      this.cache.incr(presenceServerKey(serverId, userId), -1),
      this.cache.hincr(this.ledger, `s:${serverId}:${userId}`, -1),
    ]);
    if (n <= 0) this.announce(userId, serverId, 'offline');
  }

  announce(userId: string, serverId: string, status: 'online' | 'offline'): void {
    this.bus.publishEphemeral({
      t: 'PRESENCE_UPDATE',
      server_id: serverId,
      d: { user_id: userId, server_id: serverId, status },
    });
  }

  /**
   * Called often (the gateway's tick): renews this Edge's lease every third of its length and
   * then repairs the counts of Edges whose lease ran out. Returns how many it repaired.
   */
  maintain(now = Date.now()): Promise<number> {
    if (this.maintaining || now - this.renewedAt < this.opts.leaseMs / 3) return Promise.resolve(0);
    this.renewedAt = now;
    this.maintaining = this.renewAndRepair(now).finally(() => (this.maintaining = null));
    return this.maintaining;
  }

  private async renewAndRepair(now: number): Promise<number> {
    await this.cache.hset(PRESENCE_LEASES_KEY, this.opts.instance, String(now + this.opts.leaseMs));
    const leases = await this.cache.hgetall(PRESENCE_LEASES_KEY);
    let repaired = 0;
    for (const [instance, until] of Object.entries(leases)) {
      if (instance === this.opts.instance || Number(until) > now) continue;
      // of every Edge that saw the lease expire, exactly one gets 1 here
      if ((await this.cache.hdel(PRESENCE_LEASES_KEY, instance)) !== 1) continue;
      await this.takeBack(instance);
      repaired++;
    }
    return repaired;
  }

  /** On a clean shutdown (every socket already released): the lease and ledger go. */
  async retire(): Promise<void> {
    await this.cache.hdel(PRESENCE_LEASES_KEY, this.opts.instance);
    await this.cache.del(this.ledger);
  }

  private async takeBack(instance: string): Promise<void> {
    const ledger = await this.cache.hgetall(presenceLedgerKey(instance));
    for (const [field, value] of Object.entries(ledger)) {
      const n = Number(value);
      if (!(n > 0)) continue;
      if (field.startsWith('u:')) {
        await this.cache.incr(presenceUserKey(field.slice(2)), -n);
      } else if (field.startsWith('s:')) {
        const [serverId, userId] = field.slice(2).split(':');
        if (!serverId || !userId) continue;
        const left = await this.cache.incr(presenceServerKey(serverId, userId), -n);
        if (left <= 0) this.announce(userId, serverId, 'offline');
      }
    }
    await this.cache.del(presenceLedgerKey(instance));
  }
}
