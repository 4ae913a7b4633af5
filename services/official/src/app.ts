/** Builds the Official Fastify app from opened backends; the caller decides when to listen. */
import type { FastifyBaseLogger } from 'fastify';
import { OutboxRelay, type BusSubscription, type EventBus } from '@twopointo/bus';
import { RateLimiter, type Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import { createApiApp } from '@twopointo/server-kit';
import { openStorage, readStorageConfig, type ObjectStorage } from '@twopointo/storage';
import { AccessRepository } from './access/access.repository.ts';
import { registerAssets } from './assets/assets.routes.ts';
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
import type { OfficialConfig } from './config.ts';
import { Transactor } from './events/transactor.ts';
import { installMetrics } from './http/metrics.ts';
import { registerSystemRoutes } from './http/system.routes.ts';
import { installTrust } from './http/trust.ts';
import { registerImages } from './images/images.routes.ts';
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

export async function buildOfficialApp(deps: OfficialDeps): Promise<OfficialApp> {
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

  const readCache = new ReadCache(
    config.READ_CACHE === 'on' || (config.READ_CACHE === 'auto' && bus.kind === 'memory'),
  );
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

  registerSystemRoutes(app, { database, bus, cache });
  installMetrics(app, readCache);
  installTrust(app, config.INTERNAL_SECRET, accessRepo, accessRepo);

  const audit = new AuditRepository(database.db);
  const online = (ids: string[]) => onlineUsers(cache, ids);
  const mentionRepo = new MentionRepository(database.db);
  const banRepo = new BanRepository(database.db);
  registerAuditRoutes(app, new AuditService(audit));
  registerServerRoutes(app, new ServerService(new ServerRepository(database.db), memberRepo, tx, audit));
  registerChannelRoutes(app, new ChannelService(new ChannelRepository(), tx, audit));
  const assets = registerAssets(app, ctx);
  registerImages(app, { database, storage });
  const messageRepo = new MessageRepository(database.db);
  const reactionRepo = new ReactionRepository(database.db);
  const loader = new MessageLoader(messageRepo);
  registerSearchRoutes(app, new SearchService(new SearchRepository(database.db), loader));
  registerMessageRoutes(
    app,
    new MessageService(
      messageRepo,
      mentionRepo,
      loader,
      reactionRepo,
      (ids) => onlineUsers(cache, ids),
      tx,
      limiter,
      config.MESSAGE_RATE_LIMIT,
      (ids) => assets.deleteUnreferencedAssets(ids),
      readCache.enabled
        ? {
            newest: readCache.reads('newest_page', NEWEST_PAGE_BOUNDS),
            viewers: readCache.reads('viewer_reactions', VIEWER_REACTIONS_BOUNDS),
          }
        : undefined,
      audit,
    ),
    new TypingService(bus, limiter, config.TYPING_RATE_LIMIT),
  );
  registerReactionRoutes(app, new ReactionService(reactionRepo, messageRepo, tx));
  registerPinRoutes(app, new PinService(new PinRepository(database.db), loader, tx));
  registerBlockRoutes(app, new BlockService(new BlockRepository(database.db), tx));
  registerReadStateRoutes(app, new ReadStateService(new ReadStateRepository(database.db), tx));
  registerMemberRoutes(app, new MemberService(memberRepo, tx, cache, accessRepo, audit));
  registerBanRoutes(
    app,
    new BanService(banRepo, memberRepo, mentionRepo, accessRepo, tx, audit, (ids) =>
      assets.deleteUnreferencedAssets(ids),
    ),
  );
  registerInviteRoutes(
    app,
    new InviteService(new InviteRepository(database.db), memberRepo, accessRepo, tx, cache, audit, banRepo),
  );
  registerRoleRoutes(
    app,
    new RoleService(roleRepo, memberRepo, tx, audit, online),
    new OverwriteService(roleRepo, memberRepo, tx, audit),
  );
  registerInternalRoutes(app, new GatewayAccessService(accessRepo));

  return app;
}
