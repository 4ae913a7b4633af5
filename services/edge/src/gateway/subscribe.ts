/**
 * The SUBSCRIBE and UNSUBSCRIBE ops: subscriptions as far as Official allows, and presence per
 * server. The server's bus feed is live before Official is asked, so every change after the
 * answer — and every event after SUBSCRIBED — reaches this Edge.
 */
import { encode, ephemeralFrame, errorFrame } from './frames.ts';
import type { Connection } from './connection.ts';
import type { GatewayParts } from './parts.ts';

export class SubscribeOps {
  constructor(
    private readonly p: Pick<GatewayParts, 'access' | 'feeds' | 'sockets' | 'writer' | 'presence' | 'tasks'>,
  ) {}

  async subscribe(conn: Connection, serverId: string, channelIds: string[]): Promise<void> {
    const feed = { server: serverId };
    this.p.feeds.acquire(feed);
    try {
      await this.p.feeds.ready(feed);
      if (conn.closing) return;
      await this.subscribeLive(conn, serverId, channelIds);
    } finally {
      this.p.feeds.release(feed);
    }
  }

  /** SUBSCRIBE with the server's feed held. */
  private async subscribeLive(conn: Connection, serverId: string, channelIds: string[]): Promise<void> {
    const { sockets, writer } = this.p;
    const answer = await this.p.access.check(conn.userId, serverId, channelIds);
    if (conn.closing) return;
    if (!answer.member) return writer.send(conn, errorFrame('unknown_server', 'Unknown server'));
    const requested = new Set(channelIds);
    const allowed = answer.channel_ids.filter((c) => requested.has(c));
    const isNew = sockets.index.addServer(conn, serverId);
    sockets.index.addChannels(conn, serverId, allowed);
    conn.resumeUsed = true;
    writer.send(conn, encode({ op: 'SUBSCRIBED', d: { server_id: serverId, channel_ids: allowed } }));
    sockets.saveSession(conn);
    if (!isNew) return;
    // issued before any later leave, so the counter never goes below zero
    const first = await this.p.presence.joined(conn.userId, serverId);
    // the first socket's "online" reaches it through the bus like everyone else's; later ones are told directly
    if (!first && !conn.closing && conn.subs.has(serverId)) {
      writer.send(
        conn,
        ephemeralFrame({
          t: 'PRESENCE_UPDATE',
          server_id: serverId,
          d: { user_id: conn.userId, server_id: serverId, status: 'online' },
        }),
      );
    }
  }

  async unsubscribe(conn: Connection, serverId: string, channelIds: string[] | undefined): Promise<void> {
    const { sockets } = this.p;
    let removed: string[];
    if (channelIds === undefined) {
      const r = sockets.index.removeServer(conn, serverId);
      if (r !== null) this.p.tasks.track(this.p.presence.left(conn.userId, serverId));
      removed = r ?? [];
    } else {
      removed = sockets.index.removeChannels(conn, serverId, channelIds);
    }
    this.p.writer.send(
      conn,
      encode({ op: 'UNSUBSCRIBED', d: { server_id: serverId, channel_ids: removed } }),
    );
    sockets.saveSession(conn);
  }
}
