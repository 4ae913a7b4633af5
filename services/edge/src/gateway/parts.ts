/**
 * The gateway's lower layers as one object, built by the Gateway and handed to the modules
 * above them (client ops, resume, access changes, fan-out, timers); each takes the Pick it needs.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '@twopointo/bus';
import type { AccessChecker } from './access-client.ts';
import type { GatewayCounters } from './counters.ts';
import type { Feeds } from './feeds.ts';
import type { Presence } from './presence.ts';
import type { SessionStore } from './session-store.ts';
import type { SocketRegistry } from './socket-registry.ts';
import type { SocketWriter } from './socket-writer.ts';
import type { BackgroundTasks } from './tasks.ts';

export interface GatewayLimits {
  HEARTBEAT_INTERVAL: number;
  WS_MAX_FRAMES_PER_MIN: number;
  WS_MAX_SOCKETS_PER_USER: number;
  WS_MAX_BUFFERED_BYTES: number;
  /** seconds */
  WS_SESSION_TTL: number;
  /** seconds an Edge's presence lease lasts unrenewed; then another Edge takes its counts back */
  PRESENCE_LEASE_S: number;
  /** ms a feed nothing holds keeps running */
  GATEWAY_FEED_LINGER_MS: number;
  /** false: no flood limit (RATE_LIMITS=off, benchmarks) */
  RATE_LIMITS: boolean;
}

export interface GatewayParts {
  limits: GatewayLimits;
  bus: EventBus;
  /** this Edge's bus interest (feeds follow the sockets; started and stopped by `sockets`) */
  feeds: Feeds;
  access: AccessChecker;
  sockets: SocketRegistry;
  writer: SocketWriter;
  sessions: SessionStore;
  presence: Presence;
  tasks: BackgroundTasks;
  counters: GatewayCounters;
  log: FastifyBaseLogger;
}
