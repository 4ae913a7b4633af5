/**
 * The Edge: the only public process. Proxies `/id` to Identity and `/api` to Official (after an
 * offline token check) — or, when they run in this process (the all-in-one), serves their routes
 * itself under the same rules — serves the web client, and runs the realtime gateway on `/ws`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import {
  installErrorHandler,
  requestIdOptions,
  serviceLoggerOptions,
  warnIfRateLimitsOff,
} from '@twopointo/server-kit';
import type { ObjectStorage } from '@twopointo/storage';
import { JwtVerifier } from './auth/jwt-verifier.ts';
import type { EdgeConfig } from './config.ts';
import { CachedAccess, OfficialAccessClient, SingleFlightAccess } from './gateway/access-client.ts';
import { Gateway, reject as rejectUpgrade } from './gateway/gateway.ts';
import { registerCompression } from './http/compression.ts';
import { registerCors } from './http/cors.ts';
import { healthRoutes } from './http/health.routes.ts';
import { registerEdgeMetrics } from './http/metrics.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWebClient } from './http/web-client.ts';
import { registerIdentityProxy } from './proxy/identity.proxy.ts';
import { mountIdentity, mountOfficial, type InProcessService } from './proxy/in-process.ts';
import { registerOfficialProxy } from './proxy/official.proxy.ts';
import { storageRoutes } from './storage/storage.routes.ts';
import { VoiceProxy } from './voice/voice-proxy.ts';

/** Options the storage routes plugin receives. */
export interface EdgeStorageRouteOptions {
  storage: ObjectStorage;
  config: EdgeConfig;
}

export interface EdgeDeps {
  config: EdgeConfig;
  bus: EventBus;
  cache: Cache;
  /** object storage; with local disk the Edge serves the signed upload/download URLs */
  storage?: ObjectStorage;
  /** replaces the routes serving local-disk storage URLs (default: src/storage/storage.routes.ts) */
  storageRoutes?: FastifyPluginAsync<EdgeStorageRouteOptions>;
  /** a pino logger to share (all-in-one); otherwise one is made from LOG_LEVEL */
  logger?: FastifyBaseLogger;
  /**
   * Services running in this process (the all-in-one): their routes are served here, under the
   * same trust rules, instead of proxied to IDENTITY_URL / OFFICIAL_URL.
   */
  inProcess?: { identity?: InProcessService; official?: InProcessService };
}

export interface EdgeApp {
  app: FastifyInstance;
  gateway: Gateway;
  verifier: JwtVerifier;
}

/** Builds the Edge (not listening). The gateway joins the bus when the app is ready and closes its sockets (4012) on app close. */
export async function buildEdgeApp(deps: EdgeDeps): Promise<EdgeApp> {
  const { config } = deps;
  const app = Fastify({
    ...serviceLoggerOptions(deps.logger, config.LOG_LEVEL, 'edge'),
    ...requestIdOptions,
    bodyLimit: config.BODY_LIMIT,
    // keep-alive sockets idle at close would otherwise hold app.close() open
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;
  installErrorHandler(app);
  warnIfRateLimitsOff(app, config.RATE_LIMITS, 'gateway flood limits');

  const verifier = new JwtVerifier({
    identityUrl: config.IDENTITY_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const gateway = new Gateway({
    config,
    bus: deps.bus,
    cache: deps.cache,
    verifier,
    access: new CachedAccess(
      new SingleFlightAccess(new OfficialAccessClient(config.OFFICIAL_URL, config.INTERNAL_SECRET)),
    ),
    logger: app.log,
  });
  const voice = new VoiceProxy(
    { urls: config.JANUS_URLS, tokenSecret: config.JANUS_TOKEN_SECRET },
    rejectUpgrade,
  );
  // one upgrade listener: /voice to Janus, everything else to the gateway (which refuses non-/ws)
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://edge');
    if (!VoiceProxy.isVoicePath(url.pathname)) return gateway.handleUpgrade(req, socket, head);
    socket.on('error', () => undefined);
    voice.handleUpgrade(req, socket, head, url);
  });
  app.addHook('onReady', async () => {
    await gateway.start();
  });
  app.addHook('preClose', async () => {
    voice.close();
    await gateway.close();
  });

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  await registerSecurityHeaders(app, {
    publicUrl: config.PUBLIC_URL,
    storageOrigin: deps.storage?.browserOrigin,
  });
  await registerCors(app, config.DEV_ALLOWED_ORIGINS);
  // before every route, so its onSend hook is on each of them (the WebSocket upgrade never passes here)
  await registerCompression(app);

  registerEdgeMetrics(app, { stats: () => gateway.stats(), token: config.METRICS_TOKEN });
  await app.register(healthRoutes, {
    identityUrl: config.IDENTITY_URL,
    officialUrl: config.OFFICIAL_URL,
    bus: deps.bus,
    cache: deps.cache,
  });
  const local = deps.inProcess ?? {};
  if (local.identity) await mountIdentity(app, { service: local.identity, bodyLimit: config.BODY_LIMIT });
  else await registerIdentityProxy(app, { upstream: config.IDENTITY_URL, bodyLimit: config.BODY_LIMIT });
  const official = { bodyLimit: config.BODY_LIMIT, verifier, internalSecret: config.INTERNAL_SECRET };
  if (local.official) await mountOfficial(app, { ...official, service: local.official });
  else await registerOfficialProxy(app, { ...official, upstream: config.OFFICIAL_URL });

  // Storage registration point: with local-disk storage the Edge serves the HMAC-signed
  // upload/download URLs (src/storage/; a no-op for S3, where browsers talk to the bucket).
  if (deps.storage) {
    await app.register(deps.storageRoutes ?? storageRoutes, { storage: deps.storage, config });
  }

  // last: the web client's wildcard route and the SPA fallback catch what nothing above matched
  await registerWebClient(app, { dist: config.WEB_DIST, sourceMaps: config.WEB_SOURCEMAPS });
  return { app, gateway, verifier };
}
