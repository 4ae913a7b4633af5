/**
 * The realtime gateway on `/ws`: token checked before the upgrade is accepted, then the protocol
 * of API.md (HELLO, HEARTBEAT, SUBSCRIBE, UNSUBSCRIBE, RESUME) with bus events fanned out through
 * the subscription indexes. This module accepts sockets and wires the layers below it:
 * socket-registry and socket-writer (the sockets), subscribe, resume and access-changes (what a
 * socket may receive), fan-out (bus → sockets), client-frames (socket → ops) and timers.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import { bearerToken } from '@twopointo/server-kit';
import { AppError, CloseCodes, errorBody, type ErrorCode } from '@twopointo/shared';
import { AccessChanges } from './access-changes.ts';
import type { AccessChecker } from './access-client.ts';
import { ClientFrames } from './client-frames.ts';
import { Connection } from './connection.ts';
import { GatewayCounters } from './counters.ts';
import { FanOut } from './fan-out.ts';
import { Feeds } from './feeds.ts';
import { encode } from './frames.ts';
import type { GatewayLimits, GatewayParts } from './parts.ts';
import { Presence } from './presence.ts';
import { ResumeOp } from './resume.ts';
import { SessionStore } from './session-store.ts';
import { SocketRegistry } from './socket-registry.ts';
import { SocketWriter } from './socket-writer.ts';
import { SubscribeOps } from './subscribe.ts';
import type { SubscriptionIndex } from './subscriptions.ts';
import { BackgroundTasks } from './tasks.ts';
import { GatewayTimer } from './timers.ts';

export type { GatewayLimits } from './parts.ts';

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
  /** socket × channel subscriptions */
  subscriptions: number;
  deliveries: number;
  /** bus feeds held (servers with a subscribed socket here + users with a socket here) */
  feeds: number;
  /** bus feeds still running after their last socket here went (GATEWAY_FEED_LINGER_MS) */
  lingeringFeeds: number;
  /** durable events this Edge received from the bus (its interest, not all traffic) */
  busReceived: number;
  resumesOk: number;
  resumesInvalid: number;
  slowConsumerCloses: number;
}

const CONN = Symbol('gateway-connection');
const GATEWAY = Symbol('gateway');
type GatewaySocket = WebSocket & { [CONN]?: Connection; [GATEWAY]?: Gateway };

/** how long a new socket's events wait for its first frame (a RESUME) before they flow anyway */
const OPENING_HOLD_MS = 1000;

/** Largest client frame; SUBSCRIBE with 500 channel ids fits easily. */
const MAX_CLIENT_FRAME = 64 * 1024;

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
  readonly index: SubscriptionIndex<Connection>;
  private readonly wss: WebSocketServer;
  private readonly parts: GatewayParts;
  private readonly frames: ClientFrames;
  private readonly fanOut: FanOut;
  private readonly timer: GatewayTimer;
  private closing = false;
  private readonly graceMs: number;

  constructor(private readonly deps: GatewayDeps) {
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: MAX_CLIENT_FRAME,
      clientTracking: false,
    });
    const limits = deps.config;
    const tasks = new BackgroundTasks(deps.logger);
    const sessions = new SessionStore(deps.cache, limits.WS_SESSION_TTL);
    const presence = new Presence(deps.cache, deps.bus, {
      instance: randomUUID(),
      leaseMs: limits.PRESENCE_LEASE_S * 1000,
    });
    const counters = new GatewayCounters();
    const feeds = new Feeds(
      deps.bus,
      (r) => this.fanOut.onRecord(r),
      (feed, e) => this.fanOut.onEphemeral(feed, e),
      deps.access,
      deps.logger,
      limits.GATEWAY_FEED_LINGER_MS,
    );
    const sockets = new SocketRegistry(sessions, presence, tasks, counters, feeds);
    const writer = new SocketWriter(sockets, limits.WS_MAX_BUFFERED_BYTES, counters);
    const p: GatewayParts = {
      limits,
      bus: deps.bus,
      feeds,
      access: deps.access,
      sockets,
      writer,
      sessions,
      presence,
      tasks,
      counters,
      log: deps.logger,
    };
    this.parts = p;
    this.index = sockets.index;
    this.graceMs = Math.round(limits.HEARTBEAT_INTERVAL * 1.5);
    this.frames = new ClientFrames(p, this.graceMs, new SubscribeOps(p), new ResumeOp(p));
    this.fanOut = new FanOut(p, new AccessChanges(p));
    this.timer = new GatewayTimer(p);
  }

  /**
   * Takes the presence lease and starts the shared timer. Bus events, durable and ephemeral, come
   * through feeds, started as sockets arrive and subscribe (feeds.ts).
   */
  async start(): Promise<void> {
    // the presence lease exists before the first socket, so even an Edge that dies within a tick
    // has its counts taken back
    await this.parts.presence
      .maintain()
      .catch((err: unknown) => this.parts.log.warn({ err }, 'presence lease not taken; retried every tick'));
    this.timer.start();
  }

  stats(): GatewayStats {
    const { sockets, counters } = this.parts;
    let subscriptions = 0;
    for (const subscribers of this.index.byChannel.values()) subscriptions += subscribers.size;
    return {
      sockets: sockets.all.size,
      users: sockets.users,
      servers: this.index.byServer.size,
      channels: this.index.byChannel.size,
      subscriptions,
      deliveries: counters.deliveries,
      feeds: this.parts.feeds.size,
      lingeringFeeds: this.parts.feeds.lingering,
      busReceived: this.deps.bus.receivedCount(),
      resumesOk: counters.resumesOk,
      resumesInvalid: counters.resumesInvalid,
      slowConsumerCloses: counters.slowConsumerCloses,
    };
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', ignore);
    const url = new URL(req.url ?? '/', 'http://edge');
    if (url.pathname !== '/ws' && url.pathname !== '/ws/')
      return reject(socket, 404, 'unknown_route', 'No WebSocket endpoint here');
    if (this.closing) return reject(socket, 503, 'unavailable', 'Server is restarting');
    const token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
    this.deps.verifier.verify(token).then(
      ({ sub, exp }) => {
        if (this.closing) return reject(socket, 503, 'unavailable', 'Server is restarting');
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws as GatewaySocket, sub, exp));
      },
      (err: unknown) => {
        const e = err instanceof AppError ? err : null;
        reject(
          socket,
          e?.status ?? 401,
          e?.code ?? 'invalid_token',
          e?.message ?? 'Missing or invalid token',
        );
      },
    );
  }

  private accept(ws: GatewaySocket, userId: string, exp: number | undefined): void {
    const { sockets, limits } = this.parts;
    ws.on('error', ignore);
    const mine = sockets.ofUser(userId);
    if (mine && mine.size >= limits.WS_MAX_SOCKETS_PER_USER) {
      ws.close(CloseCodes.SESSION_LIMIT, 'Too many open sockets');
      return;
    }
    const conn = new Connection(ws, userId, randomUUID(), Date.now(), this.graceMs);
    if (exp !== undefined) conn.expiresAt = exp * 1000;
    ws[CONN] = conn;
    ws[GATEWAY] = this;
    ws.on('message', onSocketMessage);
    ws.on('close', onSocketClose);
    sockets.add(conn);
    this.parts.writer.holdOpening(conn, Date.now() + OPENING_HOLD_MS);
    sockets.saveSession(conn);
    // HELLO once the user's feed is live, so no event addressed to them falls before it
    const hello = encode({
      op: 'HELLO',
      d: { heartbeat_interval: limits.HEARTBEAT_INTERVAL, session_id: conn.sessionId },
    });
    void this.parts.feeds.ready({ user: userId }).then(() => this.parts.writer.send(conn, hello));
  }

  onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    this.frames.onFrame(conn, data, isBinary);
  }

  /** The socket is gone: remember its session for RESUME, release its subscriptions and presence. */
  onClosed(conn: Connection): void {
    this.parts.sockets.closed(conn);
  }

  /** Stops delivery to a socket and closes it with `code` (destroyed if the client does not answer). */
  kick(conn: Connection, code: number, reason: string): void {
    this.parts.sockets.kick(conn, code, reason);
  }

  /** Closes every socket with 4012 (reconnect and RESUME) after what was queued is flushed. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const { sockets, presence, tasks, log } = this.parts;
    for (const conn of sockets.all) sockets.kick(conn, CloseCodes.SERVER_RESTART, 'Server restarting');
    const until = Date.now() + 3000;
    while (sockets.all.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    for (const conn of sockets.all) sockets.terminate(conn);
    this.timer.stop();
    this.parts.feeds.close();
    await tasks.settle();
    // every socket is released: nothing of this Edge is left in the counts
    await presence.retire().catch((err: unknown) => log.warn({ err }, 'presence retire failed'));
    this.wss.close();
  }
}

/** Refuses an upgrade with a plain HTTP answer in the error format. */
export function reject(socket: Duplex, status: number, code: ErrorCode, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
