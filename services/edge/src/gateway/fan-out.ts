/**
 * Bus events to the subscribed sockets of this Edge. Each event is framed once and the same
 * bytes go to every socket it reaches; per-socket `lastS` makes durable delivery idempotent.
 */
import type { Feed, SequencedRecord } from '@twopointo/bus';
import { CloseCodes, type DurableEventType, type EphemeralBusEvent } from '@twopointo/shared';
import type { AccessChanges } from './access-changes.ts';
import type { AccessChecker } from './access-client.ts';
import type { Connection } from './connection.ts';
import type { GatewayCounters } from './counters.ts';
import { durableFrame, ephemeralFrame } from './frames.ts';
import type { GatewayParts } from './parts.ts';
import type { SocketRegistry } from './socket-registry.ts';
import type { SocketWriter } from './socket-writer.ts';
import type { SubscriptionIndex } from './subscriptions.ts';

/**
 * Server events that change no one's view of the server: everything else (membership, roles,
 * overwrites, channels, the server itself — and any event added later) drops the cached access
 * answers of its server first.
 */
const ACCESS_NEUTRAL: ReadonlySet<DurableEventType> = new Set<DurableEventType>([
  'MESSAGE_CREATE',
  'MESSAGE_UPDATE',
  'MESSAGE_DELETE',
  'MESSAGE_REACTION_ADD',
  'MESSAGE_REACTION_REMOVE',
  'CHANNEL_PINS_UPDATE',
  'USER_UPDATE',
]);

/** events queued for one held socket before it is dropped as a slow consumer */
const MAX_PENDING = 10_000;

export class FanOut {
  // read once per event: plain fields, no lookups through the parts object in the loop
  private readonly index: SubscriptionIndex<Connection>;
  private readonly sockets: SocketRegistry;
  private readonly writer: SocketWriter;
  private readonly access: AccessChecker;
  private readonly counters: GatewayCounters;

  constructor(
    p: Pick<GatewayParts, 'access' | 'sockets' | 'writer' | 'counters'>,
    private readonly changes: AccessChanges,
  ) {
    this.index = p.sockets.index;
    this.sockets = p.sockets;
    this.writer = p.writer;
    this.access = p.access;
    this.counters = p.counters;
  }

  /** A durable event from the bus. */
  readonly onRecord = (r: SequencedRecord): void => {
    // addressed to a user: every socket of theirs on this Edge, no subscription involved
    if (r.user_id !== undefined) {
      const mine = this.sockets.ofUser(r.user_id);
      if (mine !== undefined) this.deliver(r, mine);
      return;
    }
    if (!ACCESS_NEUTRAL.has(r.t)) this.access.invalidate?.(r.server_id);
    const channelId = r.channel_id || undefined;
    const targets =
      channelId !== undefined ? this.index.byChannel.get(channelId) : this.index.byServer.get(r.server_id);
    if (targets !== undefined) this.deliver(r, targets);
    switch (r.t) {
      case 'MEMBER_LEAVE':
      case 'SERVER_DELETE':
      case 'CHANNEL_DELETE':
      case 'PERMISSIONS_UPDATE':
        this.changes.apply(r);
    }
  };

  /** One durable record to each of `targets` not past it: framed once, queued for held sockets. */
  private deliver(r: SequencedRecord, targets: ReadonlySet<Connection>): void {
    let frame: Buffer | undefined;
    for (const conn of targets) {
      if (r.s <= conn.lastS) continue;
      frame ??= Buffer.from(durableFrame(r));
      if (conn.pending !== null) {
        conn.pending.push([r, frame]);
        if (conn.pending.length > MAX_PENDING)
          this.sockets.kick(conn, CloseCodes.SLOW_CONSUMER, 'Slow consumer');
        continue;
      }
      conn.lastS = r.s;
      this.counters.deliveries++;
      this.writer.write(conn, frame);
    }
  }

  /**
   * An ephemeral event (typing, presence) of one of this Edge's feeds: no `s`, nothing held or
   * replayed. One addressed to users (a DM's typing) comes once per recipient's feed, and goes to
   * that recipient's sockets only.
   */
  readonly onEphemeral = (feed: Feed, e: EphemeralBusEvent): void => {
    if (feed.user !== undefined) {
      if (e.user_ids === undefined) return;
      const mine = this.sockets.ofUser(feed.user);
      if (mine === undefined || mine.size === 0) return;
      const frame = Buffer.from(ephemeralFrame(e));
      for (const conn of mine) this.writer.write(conn, frame);
      return;
    }
    if (e.user_ids !== undefined) return;
    const channelId =
      e.channel_id ?? (e.t === 'TYPING_START' ? (e.d as { channel_id?: string }).channel_id : undefined);
    const targets =
      channelId !== undefined ? this.index.byChannel.get(channelId) : this.index.byServer.get(e.server_id);
    if (targets === undefined || targets.size === 0) return;
    const frame = Buffer.from(ephemeralFrame(e));
    for (const conn of targets) this.writer.write(conn, frame);
  };
}
