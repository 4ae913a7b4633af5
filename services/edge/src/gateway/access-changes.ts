/**
 * Membership, permission and deletion events change who may receive what: applied to the open
 * sockets as soon as they arrive (subscriptions dropped, UNSUBSCRIBED sent, presence released).
 */
import type { SequencedRecord } from '@twopointo/bus';
import type { DurableEventMap } from '@twopointo/shared';
import type { Connection } from './connection.ts';
import { encode } from './frames.ts';
import type { GatewayParts } from './parts.ts';

export class AccessChanges {
  constructor(
    private readonly p: Pick<GatewayParts, 'access' | 'sockets' | 'writer' | 'presence' | 'tasks' | 'log'>,
  ) {}

  /** Acts on MEMBER_LEAVE, SERVER_DELETE, CHANNEL_DELETE and PERMISSIONS_UPDATE. */
  apply(r: SequencedRecord): void {
    const { sockets } = this.p;
    let d: unknown;
    try {
      d = JSON.parse(r.data);
    } catch {
      this.p.log.warn({ t: r.t, s: r.s }, 'unparseable event payload');
      return;
    }
    switch (r.t) {
      case 'MEMBER_LEAVE': {
        const { server_id, user_id } = d as DurableEventMap['MEMBER_LEAVE'];
        for (const conn of [...(sockets.ofUser(user_id) ?? [])])
          this.dropServer(conn, server_id ?? r.server_id);
        return;
      }
      case 'SERVER_DELETE': {
        const sid = (d as DurableEventMap['SERVER_DELETE']).id ?? r.server_id;
        for (const conn of [...(sockets.index.byServer.get(sid) ?? [])]) this.dropServer(conn, sid);
        return;
      }
      case 'CHANNEL_DELETE': {
        const { id, server_id } = d as DurableEventMap['CHANNEL_DELETE'];
        const sid = server_id ?? r.server_id;
        for (const conn of [...(sockets.index.byChannel.get(id) ?? [])]) {
          const removed = sockets.index.removeChannels(conn, sid, [id]);
          if (removed.length > 0) {
            this.p.writer.send(
              conn,
              encode({ op: 'UNSUBSCRIBED', d: { server_id: sid, channel_ids: removed } }),
            );
            sockets.saveSession(conn);
          }
        }
        return;
      }
      case 'PERMISSIONS_UPDATE': {
        const { server_id, channel_id } = d as DurableEventMap['PERMISSIONS_UPDATE'];
        this.p.tasks.track(this.recheck(server_id ?? r.server_id, channel_id ?? r.channel_id ?? undefined));
        return;
      }
    }
  }

  /** Drops a socket's subscription to a server and tells it so. */
  private dropServer(conn: Connection, serverId: string): void {
    const removed = this.p.sockets.index.removeServer(conn, serverId);
    if (removed === null) return;
    this.p.tasks.track(this.p.presence.left(conn.userId, serverId));
    this.p.writer.send(
      conn,
      encode({ op: 'UNSUBSCRIBED', d: { server_id: serverId, channel_ids: removed } }),
    );
    this.p.sockets.saveSession(conn);
  }

  /**
   * Roles or overwrites changed: asks Official again, per user, which subscribed channels each may
   * still view. Delivery to those sockets is held meanwhile, so nothing slips through the gap.
   */
  private async recheck(serverId: string, channelId: string | undefined): Promise<void> {
    const { sockets, writer } = this.p;
    const source =
      channelId !== undefined ? sockets.index.byChannel.get(channelId) : sockets.index.byServer.get(serverId);
    if (!source || source.size === 0) return;
    const perUser = new Map<string, Connection[]>();
    for (const conn of source) {
      if (!conn.subs.has(serverId)) continue;
      let list = perUser.get(conn.userId);
      if (!list) perUser.set(conn.userId, (list = []));
      list.push(conn);
    }
    await Promise.all(
      [...perUser].map(async ([userId, conns]) => {
        for (const c of conns) writer.hold(c);
        try {
          const asked = new Set<string>();
          for (const c of conns)
            for (const cid of c.subs.get(serverId) ?? [])
              if (channelId === undefined || cid === channelId) asked.add(cid);
          const answer = await this.p.access.check(userId, serverId, [...asked]);
          const visible = new Set(answer.channel_ids);
          for (const c of conns) {
            if (c.closing) continue;
            if (!answer.member) {
              this.dropServer(c, serverId);
              continue;
            }
            const gone = [...(c.subs.get(serverId) ?? [])].filter(
              (cid) => asked.has(cid) && !visible.has(cid),
            );
            const removed = sockets.index.removeChannels(c, serverId, gone);
            if (removed.length > 0) {
              writer.send(
                c,
                encode({ op: 'UNSUBSCRIBED', d: { server_id: serverId, channel_ids: removed } }),
              );
              sockets.saveSession(c);
            }
          }
        } catch (err) {
          // Official is down: it is also the only publisher, so keeping the subscriptions leaks nothing new
          this.p.log.warn({ err, serverId }, 'permission re-check failed; subscriptions kept');
        } finally {
          for (const c of conns) writer.unhold(c);
        }
      }),
    );
  }
}
