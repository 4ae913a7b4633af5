/**
 * The realtime gateway on `/ws`: token checked before the upgrade is accepted, then the protocol
 * of API.md (HELLO, HEARTBEAT, SUBSCRIBE, UNSUBSCRIBE, RESUME) with bus events fanned out through
 * the subscription indexes. Each durable event is framed once and the same bytes go to every
 * subscribed socket; per-socket `lastS` makes delivery idempotent.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import type { BusSubscription, EventBus, SequencedRecord } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import { bearerToken } from '@twopointo/server-kit';
import {
  AppError,
  CloseCodes,
  type ClientFrame,
  type DurableEventMap,
  type EphemeralBusEvent,
} from '@twopointo/shared';
import type { AccessChecker } from './access-client.ts';
import { Connection } from './connection.ts';
import {
  HEARTBEAT_ACK,
  INVALID_SESSION,
  durableFrame,
  encode,
  ephemeralFrame,
  errorFrame,
  parseClientFrame,
} from './frames.ts';
import { Presence } from './presence.ts';
import { SessionStore } from './session-store.ts';
import { SubscriptionIndex } from './subscriptions.ts';

export interface GatewayLimits {
  HEARTBEAT_INTERVAL: number;
  WS_MAX_FRAMES_PER_MIN: number;
  WS_MAX_SOCKETS_PER_USER: number;
  WS_MAX_BUFFERED_BYTES: number;
  /** seconds */
  WS_SESSION_TTL: number;
  /** seconds an Edge's presence lease lasts unrenewed; then another Edge takes its counts back */
  PRESENCE_LEASE_S: number;
  /** false: no flood limit (RATE_LIMITS=off, benchmarks) */
  RATE_LIMITS: boolean;
}

export interface TokenCheck {
  /** the user, and the token's expiry in seconds since the epoch */
  verify(token: string | undefined): Promise<{ sub: string; exp?: number }>;
}

export interface GatewayDeps {
  config: GatewayLimits;
  bus: EventBus;
  cache: Cache;
  verifier: TokenCheck;
  access: AccessChecker;
  logger: FastifyBaseLogger;
}

export interface GatewayStats {
  sockets: number;
  users: number;
  servers: number;
  channels: number;
}

const CONN = Symbol('gateway-connection');
const GATEWAY = Symbol('gateway');
type GatewaySocket = WebSocket & { [CONN]?: Connection; [GATEWAY]?: Gateway };

/** Largest client frame; SUBSCRIBE with 500 channel ids fits easily. */
const MAX_CLIENT_FRAME = 64 * 1024;
/** events queued for one held socket before it is dropped as a slow consumer */
const MAX_PENDING = 10_000;
/** how long a closing socket may take to finish the close handshake */
const CLOSE_GRACE_MS = 1000;
const TEXT = { binary: false } as const;

// Shared listeners (no per-socket closures): the socket carries its connection and gateway.
function onSocketMessage(this: GatewaySocket, data: RawData, isBinary: boolean): void {
  const conn = this[CONN];
  if (conn) this[GATEWAY]!.onFrame(conn, data, isBinary);
}
function onSocketClose(this: GatewaySocket): void {
  const conn = this[CONN];
  if (conn) this[GATEWAY]!.onClosed(conn);
}
function ignore(): void {
  /* errors are followed by 'close', where cleanup happens */
}

export class Gateway {
  readonly index = new SubscriptionIndex<Connection>();
  private readonly wss: WebSocketServer;
  private readonly conns = new Set<Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly sessions: SessionStore;
  private readonly presence: Presence;
  private readonly inflight = new Set<Promise<unknown>>();
  private busSubs: BusSubscription[] = [];
  /** sockets corked during this turn of the event loop (see write) */
  private readonly corked = new Set<Connection>();
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly graceMs: number;
  private readonly log: FastifyBaseLogger;

  constructor(private readonly deps: GatewayDeps) {
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: MAX_CLIENT_FRAME,
      clientTracking: false,
    });
    this.sessions = new SessionStore(deps.cache, deps.config.WS_SESSION_TTL);
    this.presence = new Presence(deps.cache, deps.bus, {
      instance: randomUUID(),
      leaseMs: deps.config.PRESENCE_LEASE_S * 1000,
    });
    this.graceMs = Math.round(deps.config.HEARTBEAT_INTERVAL * 1.5);
    this.log = deps.logger;
  }

  /** Subscribes to the bus (live from now on) and starts the shared timer. */
  async start(): Promise<void> {
    const durable = this.deps.bus.subscribe(this.onRecord);
    const ephemeral = this.deps.bus.subscribeEphemeral(this.onEphemeral);
    this.busSubs = [durable, ephemeral];
    await Promise.all([durable.ready, ephemeral.ready]);
    // the presence lease exists before the first socket, so even an Edge that dies within a tick
    // has its counts taken back
    await this.presence
      .maintain()
      .catch((err: unknown) => this.log.warn({ err }, 'presence lease not taken; retried every tick'));
    const tick = Math.max(10, Math.min(1000, Math.floor(this.deps.config.HEARTBEAT_INTERVAL / 4)));
    this.timer = setInterval(() => this.tick(), tick);
    this.timer.unref();
  }

  /** Takes over HTTP upgrades on `server` (only `/ws`; anything else is refused). */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.handleUpgrade(req, socket, head),
    );
  }

  stats(): GatewayStats {
    return {
      sockets: this.conns.size,
      users: this.byUser.size,
      servers: this.index.byServer.size,
      channels: this.index.byChannel.size,
    };
  }

  // ---- connection lifecycle ----

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', ignore);
    const url = new URL(req.url ?? '/', 'http://edge');
    if (url.pathname !== '/ws' && url.pathname !== '/ws/')
      return reject(socket, 404, 'not_found', 'No WebSocket endpoint here');
    if (this.closing) return reject(socket, 503, 'unavailable', 'Server is restarting');
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    this.deps.verifier.verify(token).then(
      ({ sub, exp }) => {
        if (this.closing) return reject(socket, 503, 'unavailable', 'Server is restarting');
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws as GatewaySocket, sub, exp));
      },
      (err: unknown) => {
        const e = err instanceof AppError ? err : null;
        reject(socket, e?.status ?? 401, e?.code ?? 'unauthorized', e?.message ?? 'Missing or invalid token');
      },
    );
  }

  private accept(ws: GatewaySocket, userId: string, exp: number | undefined): void {
    ws.on('error', ignore);
    let mine = this.byUser.get(userId);
    if (mine && mine.size >= this.deps.config.WS_MAX_SOCKETS_PER_USER) {
      ws.close(CloseCodes.SESSION_LIMIT, 'Too many open sockets');
      return;
    }
    const conn = new Connection(ws, userId, randomUUID(), Date.now(), this.graceMs);
    if (exp !== undefined) conn.expiresAt = exp * 1000;
    ws[CONN] = conn;
    ws[GATEWAY] = this;
    ws.on('message', onSocketMessage);
    ws.on('close', onSocketClose);
    this.conns.add(conn);
    if (!mine) this.byUser.set(userId, (mine = new Set()));
    mine.add(conn);
    this.track(this.presence.connected(userId));
    this.send(
      conn,
      encode({
        op: 'HELLO',
        d: { heartbeat_interval: this.deps.config.HEARTBEAT_INTERVAL, session_id: conn.sessionId },
      }),
    );
    this.saveSession(conn);
  }

  /** The socket is gone: remember its session for RESUME, release its subscriptions and presence. */
  onClosed(conn: Connection): void {
    this.conns.delete(conn);
    this.release(conn);
  }

  /** Stops delivery to a socket and closes it with `code` (destroyed if the client does not answer). */
  kick(conn: Connection, code: number, reason: string): void {
    if (conn.closing) return;
    this.release(conn);
    conn.killAt = Date.now() + CLOSE_GRACE_MS;
    conn.ws.close(code, reason);
  }

  private release(conn: Connection): void {
    if (conn.closing) return;
    conn.closing = true;
    conn.pending = null;
    this.saveSession(conn);
    const servers = this.index.removeAll(conn);
    const mine = this.byUser.get(conn.userId);
    mine?.delete(conn);
    if (mine?.size === 0) this.byUser.delete(conn.userId);
    for (const sid of servers) this.track(this.presence.left(conn.userId, sid));
    this.track(this.presence.disconnected(conn.userId));
  }

  // ---- client frames ----

  onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.closing) return;
    const now = Date.now();
    if (this.deps.config.RATE_LIMITS) {
      if (now - conn.windowStart >= 60_000) {
        conn.windowStart = now;
        conn.frames = 0;
      }
      if (++conn.frames > this.deps.config.WS_MAX_FRAMES_PER_MIN)
        return this.kick(conn, CloseCodes.FLOOD, 'Too many frames');
    }
    if (isBinary) return this.send(conn, errorFrame('invalid_frame', 'Frames must be JSON text'));
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return this.send(conn, errorFrame(parsed.code, parsed.message));
    const frame = parsed.frame;
    if (frame.op === 'HEARTBEAT') {
      conn.deadline = now + this.graceMs;
      return this.send(conn, HEARTBEAT_ACK);
    }
    this.enqueue(conn, frame);
  }

  /** Runs SUBSCRIBE/UNSUBSCRIBE/RESUME one at a time per socket, in the order they were sent. */
  private enqueue(conn: Connection, frame: Exclude<ClientFrame, { op: 'HEARTBEAT' }>): void {
    const run = (): Promise<void> =>
      this.handle(conn, frame).catch((err: unknown) => {
        if (err instanceof AppError && err.status < 500)
          return this.send(conn, errorFrame(err.code, err.message));
        this.log.warn({ err, op: frame.op }, 'gateway op failed');
        this.send(
          conn,
          errorFrame(
            'unavailable',
            err instanceof AppError ? err.message : 'Temporarily unavailable, try again',
          ),
        );
      });
    const next: Promise<void> = conn.chain ? conn.chain.then(run) : run();
    conn.chain = next;
    this.track(
      next.finally(() => {
        if (conn.chain === next) conn.chain = null;
      }),
    );
  }

  private handle(conn: Connection, frame: Exclude<ClientFrame, { op: 'HEARTBEAT' }>): Promise<void> {
    if (conn.closing) return Promise.resolve();
    switch (frame.op) {
      case 'SUBSCRIBE':
        return this.subscribe(conn, frame.d.server_id, frame.d.channel_ids);
      case 'UNSUBSCRIBE':
        return this.unsubscribe(conn, frame.d.server_id, frame.d.channel_ids);
      case 'RESUME':
        return this.resume(conn, frame.d.session_id, frame.d.seq);
    }
  }

  private async subscribe(conn: Connection, serverId: string, channelIds: string[]): Promise<void> {
    const answer = await this.deps.access.check(conn.userId, serverId, channelIds);
    if (conn.closing) return;
    if (!answer.member) return this.send(conn, errorFrame('unknown_server', 'Unknown server'));
    const requested = new Set(channelIds);
    const allowed = answer.channel_ids.filter((c) => requested.has(c));
    const isNew = this.index.addServer(conn, serverId);
    this.index.addChannels(conn, serverId, allowed);
    conn.resumeUsed = true;
    this.send(conn, encode({ op: 'SUBSCRIBED', d: { server_id: serverId, channel_ids: allowed } }));
    this.saveSession(conn);
    if (!isNew) return;
    // issued before any later leave, so the counter never goes below zero
    const first = await this.presence.joined(conn.userId, serverId);
    // the first socket's "online" reaches it through the bus like everyone else's; later ones are told directly
    if (!first && !conn.closing && conn.subs.has(serverId)) {
      this.send(
        conn,
        ephemeralFrame({
          t: 'PRESENCE_UPDATE',
          server_id: serverId,
          d: { user_id: conn.userId, server_id: serverId, status: 'online' },
        }),
      );
    }
  }

  private async unsubscribe(
    conn: Connection,
    serverId: string,
    channelIds: string[] | undefined,
  ): Promise<void> {
    let removed: string[];
    if (channelIds === undefined) {
      const r = this.index.removeServer(conn, serverId);
      if (r !== null) this.track(this.presence.left(conn.userId, serverId));
      removed = r ?? [];
    } else {
      removed = this.index.removeChannels(conn, serverId, channelIds);
    }
    this.send(conn, encode({ op: 'UNSUBSCRIBED', d: { server_id: serverId, channel_ids: removed } }));
    this.saveSession(conn);
  }

  /**
   * Picks up a dropped session: re-checks its subscriptions, then sends what it missed from the
   * stream in order, then whatever arrived live meanwhile (held, de-duplicated by `s`), then RESUMED.
   */
  private async resume(conn: Connection, sessionId: string, seq: number): Promise<void> {
    if (conn.resumeUsed)
      return this.send(conn, errorFrame('invalid_frame', 'RESUME must come before any SUBSCRIBE, once'));
    conn.resumeUsed = true;
    const session = sessionId === conn.sessionId ? null : await this.sessions.get(sessionId);
    if (conn.closing) return;
    if (!session || session.user_id !== conn.userId) return this.send(conn, INVALID_SESSION);

    this.hold(conn);
    let replayed = 0;
    try {
      const entries = Object.entries(session.subscriptions);
      const answers = await Promise.all(
        entries.map(([sid, cids]) => this.deps.access.check(conn.userId, sid, cids)),
      );
      if (conn.closing) return;
      const joined: string[] = [];
      entries.forEach(([sid, cids], i) => {
        const a = answers[i]!;
        if (!a.member) return;
        const wanted = new Set(cids);
        if (this.index.addServer(conn, sid)) joined.push(sid);
        this.index.addChannels(
          conn,
          sid,
          a.channel_ids.filter((c) => wanted.has(c)),
        );
      });
      // subscribed before asking for the replay, so nothing falls between the two (it is held)
      const records = await this.deps.bus.replay(seq);
      if (conn.closing) return;
      if (records === null) {
        for (const sid of joined) this.index.removeServer(conn, sid);
        conn.pending = [];
        this.send(conn, INVALID_SESSION);
        this.saveSession(conn);
        return;
      }
      for (const sid of joined) this.track(this.presence.joined(conn.userId, sid));
      conn.lastS = Math.max(conn.lastS, seq);
      for (const r of records) {
        if (r.s <= conn.lastS) continue;
        conn.lastS = r.s;
        if (!SubscriptionIndex.wants(conn, r.server_id, r.channel_id || undefined)) continue;
        conn.ws.send(Buffer.from(durableFrame(r)), TEXT);
        replayed++;
        if (conn.ws.bufferedAmount > this.deps.config.WS_MAX_BUFFERED_BYTES) await this.drain(conn);
        if (conn.closing) return;
      }
    } finally {
      this.unhold(conn);
    }
    if (conn.closing) return;
    this.send(conn, encode({ op: 'RESUMED', d: { replayed } }));
    this.saveSession(conn);
    this.track(this.sessions.delete(sessionId));
  }

  /** Waits (bounded) for a replaying socket to take what it was sent. */
  private async drain(conn: Connection): Promise<void> {
    const until = Date.now() + 10_000;
    while (!conn.closing && conn.ws.bufferedAmount > this.deps.config.WS_MAX_BUFFERED_BYTES / 2) {
      if (Date.now() > until) return this.kick(conn, CloseCodes.SLOW_CONSUMER, 'Slow consumer');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  // ---- delivery ----

  private readonly onRecord = (r: SequencedRecord): void => {
    // anything but a message may change who sees what: cached access answers go first
    if (!r.t.startsWith('MESSAGE_')) this.deps.access.invalidate?.(r.server_id);
    const channelId = r.channel_id || undefined;
    const targets =
      channelId !== undefined ? this.index.byChannel.get(channelId) : this.index.byServer.get(r.server_id);
    if (targets !== undefined) {
      let frame: Buffer | undefined;
      for (const conn of targets) {
        if (r.s <= conn.lastS) continue;
        frame ??= Buffer.from(durableFrame(r));
        if (conn.pending !== null) {
          conn.pending.push([r, frame]);
          if (conn.pending.length > MAX_PENDING) this.kick(conn, CloseCodes.SLOW_CONSUMER, 'Slow consumer');
          continue;
        }
        conn.lastS = r.s;
        this.write(conn, frame);
      }
    }
    switch (r.t) {
      case 'MEMBER_LEAVE':
      case 'SERVER_DELETE':
      case 'CHANNEL_DELETE':
      case 'PERMISSIONS_UPDATE':
        this.applyAccessChange(r);
    }
  };

  private readonly onEphemeral = (e: EphemeralBusEvent): void => {
    const channelId =
      e.channel_id ?? (e.t === 'TYPING_START' ? (e.d as { channel_id?: string }).channel_id : undefined);
    const targets =
      channelId !== undefined ? this.index.byChannel.get(channelId) : this.index.byServer.get(e.server_id);
    if (targets === undefined || targets.size === 0) return;
    const frame = Buffer.from(ephemeralFrame(e));
    for (const conn of targets) this.write(conn, frame);
  };

  /** Membership, permission and deletion events change who may receive what: applied at once. */
  private applyAccessChange(r: SequencedRecord): void {
    let d: unknown;
    try {
      d = JSON.parse(r.data);
    } catch {
      this.log.warn({ t: r.t, s: r.s }, 'unparseable event payload');
      return;
    }
    switch (r.t) {
      case 'MEMBER_LEAVE': {
        const { server_id, user_id } = d as DurableEventMap['MEMBER_LEAVE'];
        for (const conn of [...(this.byUser.get(user_id) ?? [])])
          this.dropServer(conn, server_id ?? r.server_id);
        return;
      }
      case 'SERVER_DELETE': {
        const sid = (d as DurableEventMap['SERVER_DELETE']).id ?? r.server_id;
        for (const conn of [...(this.index.byServer.get(sid) ?? [])]) this.dropServer(conn, sid);
        return;
      }
      case 'CHANNEL_DELETE': {
        const { id, server_id } = d as DurableEventMap['CHANNEL_DELETE'];
        const sid = server_id ?? r.server_id;
        for (const conn of [...(this.index.byChannel.get(id) ?? [])]) {
          const removed = this.index.removeChannels(conn, sid, [id]);
          if (removed.length > 0) {
            this.send(conn, encode({ op: 'UNSUBSCRIBED', d: { server_id: sid, channel_ids: removed } }));
            this.saveSession(conn);
          }
        }
        return;
      }
      case 'PERMISSIONS_UPDATE': {
        const { server_id, channel_id } = d as DurableEventMap['PERMISSIONS_UPDATE'];
        this.track(this.recheck(server_id ?? r.server_id, channel_id ?? r.channel_id ?? undefined));
        return;
      }
    }
  }

  /** Drops a socket's subscription to a server and tells it so. */
  private dropServer(conn: Connection, serverId: string): void {
    const removed = this.index.removeServer(conn, serverId);
    if (removed === null) return;
    this.track(this.presence.left(conn.userId, serverId));
    this.send(conn, encode({ op: 'UNSUBSCRIBED', d: { server_id: serverId, channel_ids: removed } }));
    this.saveSession(conn);
  }

  /**
   * Roles or overwrites changed: asks Official again, per user, which subscribed channels each may
   * still view. Delivery to those sockets is held meanwhile, so nothing slips through the gap.
   */
  private async recheck(serverId: string, channelId: string | undefined): Promise<void> {
    const source =
      channelId !== undefined ? this.index.byChannel.get(channelId) : this.index.byServer.get(serverId);
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
        for (const c of conns) this.hold(c);
        try {
          const asked = new Set<string>();
          for (const c of conns)
            for (const cid of c.subs.get(serverId) ?? [])
              if (channelId === undefined || cid === channelId) asked.add(cid);
          const answer = await this.deps.access.check(userId, serverId, [...asked]);
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
            const removed = this.index.removeChannels(c, serverId, gone);
            if (removed.length > 0) {
              this.send(c, encode({ op: 'UNSUBSCRIBED', d: { server_id: serverId, channel_ids: removed } }));
              this.saveSession(c);
            }
          }
        } catch (err) {
          // Official is down: it is also the only publisher, so keeping the subscriptions leaks nothing new
          this.log.warn({ err, serverId }, 'permission re-check failed; subscriptions kept');
        } finally {
          for (const c of conns) this.unhold(c);
        }
      }),
    );
  }

  private hold(conn: Connection): void {
    if (conn.holds++ === 0) conn.pending = [];
  }

  /** Ends a hold; the last one flushes what queued meanwhile, still filtered by `s` and subscriptions. */
  private unhold(conn: Connection): void {
    if (--conn.holds > 0) return;
    const queued = conn.pending;
    conn.pending = null;
    if (!queued || conn.closing) return;
    for (const [r, frame] of queued) {
      if (r.s <= conn.lastS) continue;
      if (!SubscriptionIndex.wants(conn, r.server_id, r.channel_id || undefined)) continue;
      conn.lastS = r.s;
      this.write(conn, frame);
    }
  }

  private send(conn: Connection, frame: string): void {
    if (conn.closing) return;
    conn.ws.send(frame);
  }

  /**
   * Frames written to a socket in one turn of the event loop (a relay batch, several bus
   * messages from one read) leave in one writev: the socket is corked on its first frame and
   * uncorked once, after I/O callbacks. The per-write syscall is what limits fan-out.
   */
  private write(conn: Connection, frame: Buffer): void {
    if (conn.closing) return;
    if (!this.corked.has(conn)) {
      socketOf(conn)?.cork();
      this.corked.add(conn);
      if (this.corked.size === 1) setImmediate(this.uncorkAll);
    }
    conn.ws.send(frame, TEXT);
  }

  private readonly uncorkAll = (): void => {
    const limit = this.deps.config.WS_MAX_BUFFERED_BYTES;
    for (const conn of this.corked) {
      socketOf(conn)?.uncork();
      if (!conn.closing && conn.ws.bufferedAmount > limit)
        this.kick(conn, CloseCodes.SLOW_CONSUMER, 'Slow consumer');
    }
    this.corked.clear();
  };

  // ---- sessions and the shared timer ----

  private saveSession(conn: Connection): void {
    conn.sessionSavedAt = Date.now();
    this.track(
      this.sessions.save(conn.sessionId, {
        user_id: conn.userId,
        subscriptions: conn.snapshot(),
        seq: conn.lastS,
      }),
    );
  }

  /**
   * One timer for every socket: heartbeat deadlines, unanswered closes, session TTL refresh, and
   * token expiry: a socket lives no longer than the access token it was opened with (logout-all
   * and account removal thus reach open sockets within the token's lifetime); the client
   * reconnects with a fresh token and RESUMEs, missing nothing.
   */
  private tick(): void {
    const now = Date.now();
    this.track(this.presence.maintain(now));
    const refreshAfter = (this.deps.config.WS_SESSION_TTL * 1000) / 2;
    for (const conn of this.conns) {
      if (conn.closing) {
        if (now >= conn.killAt) {
          conn.ws.terminate();
          this.conns.delete(conn);
        }
        continue;
      }
      if (now > conn.deadline) this.kick(conn, CloseCodes.HEARTBEAT_TIMEOUT, 'Heartbeat timeout');
      else if (now >= conn.expiresAt) this.kick(conn, CloseCodes.UNAUTHORIZED, 'Token expired');
      else if (now - conn.sessionSavedAt > refreshAfter) this.saveSession(conn);
    }
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((err: unknown) => this.log.warn({ err }, 'gateway background task failed'));
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  /** Closes every socket with 4012 (reconnect and RESUME) after what was queued is flushed. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const s of this.busSubs) s.unsubscribe();
    for (const conn of this.conns) this.kick(conn, CloseCodes.SERVER_RESTART, 'Server restarting');
    const until = Date.now() + 3000;
    while (this.conns.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    for (const conn of this.conns) conn.ws.terminate();
    this.conns.clear();
    clearInterval(this.timer);
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    // every socket is released: nothing of this Edge is left in the counts
    await this.presence.retire().catch((err: unknown) => this.log.warn({ err }, 'presence retire failed'));
    this.wss.close();
  }
}

/** Refuses an upgrade with a plain HTTP answer in the error format. */
function reject(socket: Duplex, status: number, code: string, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/** The socket under a ws connection (not in ws's public API, but stable across its releases). */
function socketOf(conn: Connection): Socket | undefined {
  return (conn.ws as unknown as { _socket?: Socket })._socket;
}
