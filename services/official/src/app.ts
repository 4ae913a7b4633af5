/**
 * Builds the Official Fastify app from opened backends; the caller decides when to listen. The
 * public routes (everything but /internal and the operational paths) are also handed out as a
 * plugin, so a server in the same process (the all-in-one Edge) serves them without a hop.
 */
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { OutboxRelay, type BusSubscription, type EventBus } from '@twopointo/bus';
import { RateLimiter, type Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import { createApiApp, installApiScope } from '@twopointo/server-kit';
import { openStorage, readStorageConfig, type ObjectStorage } from '@twopointo/storage';
import { AccessRepository } from './access/access.repository.ts';
import { createAssets, registerAssetRoutes } from './assets/assets.routes.ts';
import { AuditRepository } from './audit/audit.repository.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { AuditService } from './audit/audit.service.ts';
import { BanRepository } from './bans/ban.repository.ts';
import { registerBanRoutes } from './bans/bans.routes.ts';
import { BanService } from './bans/ban.service.ts';
import { BlockRepository } from './blocks/block.repository.ts';
import { BlockService } from './blocks/block.service.ts';
import { registerBlockRoutes } from './blocks/blocks.routes.ts';
import { registerChannelRoutes } from './channels/channels.routes.ts';
import { ChannelRepository } from './channels/channel.repository.ts';
import { ChannelService } from './channels/channel.service.ts';
import { ReadCache, type KindOptions } from './cache/read-cache.ts';
import { registerDmRoutes } from './direct-messages/direct-messages.routes.ts';
import { DmRepository } from './direct-messages/dm.repository.ts';
import { DmService } from './direct-messages/dm.service.ts';
import type { OfficialConfig } from './config.ts';
import { Transactor } from './events/transactor.ts';
import { installMetrics } from './http/metrics.ts';
import { registerSystemRoutes } from './http/system.routes.ts';
import { installTrust } from './http/trust.ts';
import { registerImages } from './images/images.routes.ts';
import { UserProfileRepository } from './users/user.repository.ts';
import { UserProfileService } from './users/user.service.ts';
import { registerUserProfileRoutes } from './users/users.routes.ts';
import type { OfficialApp } from './http/types.ts';
import { registerInternalRoutes } from './internal/internal.routes.ts';
import { GatewayAccessService } from './internal/gateway-access.service.ts';
import { registerInviteRoutes } from './invites/invites.routes.ts';
import { InviteRepository } from './invites/invite.repository.ts';
import { InviteService } from './invites/invite.service.ts';
import { registerMemberRoutes } from './members/members.routes.ts';
import { MemberRepository } from './members/member.repository.ts';
import { MemberService } from './members/member.service.ts';
import { registerMessageRoutes } from './messages/messages.routes.ts';
import { MessageRepository } from './messages/message.repository.ts';
import { MentionRepository } from './messages/mention.repository.ts';
import { onlineUsers } from './members/presence.ts';
import { MessageLoader } from './messages/message-loader.ts';
import { MessageService, type NewestPage, type ViewerReactions } from './messages/message.service.ts';
import { TypingService } from './messages/typing.service.ts';
import { OverwriteService } from './roles/overwrite.service.ts';
import { PinRepository } from './pins/pin.repository.ts';
import { PinService } from './pins/pin.service.ts';
import { registerPinRoutes } from './pins/pins.routes.ts';
import { ReactionRepository } from './reactions/reaction.repository.ts';
import { ReactionService } from './reactions/reaction.service.ts';
import { registerReactionRoutes } from './reactions/reactions.routes.ts';
import { registerReadStateRoutes } from './read-states/read-states.routes.ts';
import { ReadStateRepository } from './read-states/read-state.repository.ts';
import { ReadStateService } from './read-states/read-state.service.ts';
import { registerRoleRoutes } from './roles/roles.routes.ts';
import { RoleRepository } from './roles/role.repository.ts';
import { RoleService } from './roles/role.service.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { SearchRepository } from './search/search.repository.ts';
import { SearchService } from './search/search.service.ts';
import { registerServerRoutes } from './servers/servers.routes.ts';
import { ServerRepository } from './servers/server.repository.ts';
import { ServerService } from './servers/server.service.ts';
import { buildVoice } from './voice/voice.module.ts';
import { registerVoiceRoutes } from './voice/voice.routes.ts';

export interface OfficialDeps {
  config: OfficialConfig;
  database: Database;
  bus: EventBus;
  cache: Cache;
  /** a relay the caller runs; otherwise one is made here and started/stopped with the app */
  relay?: OutboxRelay;
  storage?: ObjectStorage;
  /** a pino logger to share (all-in-one); otherwise one is made from LOG_LEVEL */
  logger?: FastifyBaseLogger;
}

/** What route modules beyond this file's own get to work with (e.g. the asset routes). */
export interface OfficialContext {
  config: OfficialConfig;
  database: Database;
  bus: EventBus;
  cache: Cache;
  storage?: ObjectStorage;
  limiter: RateLimiter;
  tx: Transactor;
  access: AccessRepository;
}

/**
 * A newest page holds up to 100 messages of up to 4,000 characters, plus its serialised bodies:
 * bounded by an estimate of its bytes, not only by count.
 */
const NEWEST_PAGE_BOUNDS: KindOptions<NewestPage> = {
  maxEntries: 10_000,
  maxBytes: 128 * 1024 * 1024,
  sizeOf: (page) =>
    page.messages.reduce((n, m) => n + 4 * m.content.length + 600 + 80 * m.reactions.length, 0),
};
/** A viewer's reactions on a page: small, unless they reacted there (then their own page bodies). */
const VIEWER_REACTIONS_BOUNDS: KindOptions<ViewerReactions> = {
  maxEntries: 50_000,
  maxBytes: 64 * 1024 * 1024,
  sizeOf: (v) => 64 + (v.mine.size > 0 ? 60_000 : 0),
};

/** The Official app and its public routes as a plugin for another server in the same process. */
export interface BuiltOfficial {
  app: OfficialApp;
  /**
   * The public routes behind the trust hook (internal secret + x-user-id, as the Edge sends them),
   * on the same services, caches and relay as `app`. Register it in an encapsulated scope whose
   * error handler is server-kit's (the Edge, under /api); `app` still owns the lifecycle.
   */
  routes: FastifyPluginAsync;
  /** the largest request body `app` accepts (the mount should not accept more) */
  bodyLimit: number;
  /** the read cache (disabled with READ_CACHE=off) */
  readCache: ReadCache;
  /** wakes the outbox relay: another service in this process committed outbox records */
  outboxWritten(): void;
}

export async function buildOfficialApp(deps: OfficialDeps): Promise<OfficialApp> {
  return (await buildOfficial(deps)).app;
}

export async function buildOfficial(deps: OfficialDeps): Promise<BuiltOfficial> {
  const { config, database, bus, cache } = deps;
  const app = await createApiApp({
    name: 'official',
    logLevel: config.LOG_LEVEL,
    logger: deps.logger,
    rateLimits: { enabled: config.RATE_LIMITS, what: 'message and typing limits' },
    openapi: {
      title: 'twopointo Official',
      description:
        'Servers, channels, messages, members, roles, invites and assets, reached through the Edge',
      serverUrl: '/api',
    },
  });

  const relay = deps.relay ?? new OutboxRelay({ database, bus, logger: app.log });
  if (!deps.relay) {
    app.addHook('onReady', async () => relay.start());
    app.addHook('onClose', async () => relay.stop());
  }

  // auto is on with either bus: with several Officials on JetStream a write is seen on the others
  // once its event arrives (tens of ms, see docs/INTERNALS.md), on its own instance at once
  const readCache = new ReadCache(config.READ_CACHE !== 'off');
  if (readCache.enabled) {
    // changes committed elsewhere (Identity's account removal, the dev tools, other instances)
    let subscription: BusSubscription | undefined;
    app.addHook('onReady', async () => {
      subscription = bus.subscribe((r) => readCache.published(r));
      await subscription.ready;
    });
    app.addHook('onClose', async () => subscription?.unsubscribe());
  }
  const accessRepo = new AccessRepository(
    database.db,
    readCache.enabled ? readCache.reads('channel_context') : undefined,
  );
  const tx = new Transactor(database, relay, readCache);
  const limiter = new RateLimiter(cache, config.RATE_LIMITS);
  const memberRepo = new MemberRepository(database.db);
  const roleRepo = new RoleRepository(database.db);
  const storage = deps.storage ?? openStorage(readStorageConfig({ INTERNAL_SECRET: config.INTERNAL_SECRET }));
  const ctx: OfficialContext = {
    config,
    database,
    bus,
    cache,
    storage,
    limiter,
    tx,
    access: accessRepo,
  };

  const audit = new AuditRepository(database.db);
  const online = (ids: string[]) => onlineUsers(cache, ids);
  const mentionRepo = new MentionRepository(database.db);
  const banRepo = new BanRepository(database.db);
  const auditService = new AuditService(audit);
  const servers = new ServerService(new ServerRepository(database.db), memberRepo, tx, audit);
  const dms = new DmService(new DmRepository(database.db), tx);
  const channels = new ChannelService(new ChannelRepository(), tx, audit);
  const assets = createAssets(app, ctx);
  const profiles = new UserProfileService(new UserProfileRepository(database.db));
  const messageRepo = new MessageRepository(database.db);
  const reactionRepo = new ReactionRepository(database.db);
  const loader = new MessageLoader(messageRepo);
  const search = new SearchService(new SearchRepository(database.db), loader);
  const messages = new MessageService(
    messageRepo,
    mentionRepo,
    loader,
    reactionRepo,
    (ids) => onlineUsers(cache, ids),
    tx,
    limiter,
    config.MESSAGE_RATE_LIMIT,
    (ids) => assets.assets.deleteUnreferencedAssets(ids),
    readCache.enabled
      ? {
          newest: readCache.reads('newest_page', NEWEST_PAGE_BOUNDS),
          viewers: readCache.reads('viewer_reactions', VIEWER_REACTIONS_BOUNDS),
        }
      : undefined,
    audit,
  );
  const typing = new TypingService(bus, limiter, config.TYPING_RATE_LIMIT);
  const reactions = new ReactionService(reactionRepo, messageRepo, tx);
  const pins = new PinService(new PinRepository(database.db), loader, tx);
  const blocks = new BlockService(new BlockRepository(database.db), tx);
  const readStates = new ReadStateService(new ReadStateRepository(database.db), tx);
  const members = new MemberService(memberRepo, tx, cache, accessRepo, audit);
  const bans = new BanService(banRepo, memberRepo, mentionRepo, accessRepo, tx, audit, (ids) =>
    assets.assets.deleteUnreferencedAssets(ids),
  );
  const invites = new InviteService(
    new InviteRepository(database.db),
    memberRepo,
    accessRepo,
    tx,
    cache,
    audit,
    banRepo,
  );
  const roles = new RoleService(roleRepo, memberRepo, tx, audit, online);
  const overwrites = new OverwriteService(roleRepo, memberRepo, tx, audit);
  const voice = buildVoice(app, { config, bus, cache, accessRepo, memberRepo });

  /** The one place the public routes are registered: on this app, and on a server that mounts them. */
  const registerPublicRoutes = (api: OfficialApp) => {
    installTrust(api, config.INTERNAL_SECRET, accessRepo, accessRepo);
    registerAuditRoutes(api, auditService);
    registerServerRoutes(api, servers);
    registerChannelRoutes(api, channels, dms);
    registerDmRoutes(api, dms);
    registerAssetRoutes(api, assets.assets, assets.config);
    registerImages(api, { database, storage });
    registerUserProfileRoutes(api, profiles);
    registerSearchRoutes(api, search);
    registerMessageRoutes(api, messages, typing);
    registerReactionRoutes(api, reactions);
    registerPinRoutes(api, pins);
    registerBlockRoutes(api, blocks);
    registerReadStateRoutes(api, readStates);
    registerMemberRoutes(api, members);
    registerBanRoutes(api, bans);
    registerInviteRoutes(api, invites);
    registerRoleRoutes(api, roles, overwrites);
    registerVoiceRoutes(api, voice);
  };

  registerSystemRoutes(app, { database, bus, cache });
  installMetrics(app, readCache);
  // on the root: the trust hook covers /internal too
  registerPublicRoutes(app);
  registerInternalRoutes(app, new GatewayAccessService(accessRepo));

  return {
    app,
    routes: async (scope) => registerPublicRoutes(installApiScope(scope)),
    bodyLimit: app.initialConfig.bodyLimit ?? 1024 * 1024,
    readCache,
    outboxWritten: () => relay.kick(),
  };
}
