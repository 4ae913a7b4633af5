/**
 * Builds the Identity Fastify app from opened backends; the caller decides when to listen. Its
 * public routes are also handed out as a plugin, so a server in the same process (the
 * all-in-one Edge) serves them without a hop.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { RateLimiter, type Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import { createApiApp, installApiScope, type ApiApp } from '@twopointo/server-kit';
import type { ObjectStorage } from '@twopointo/storage';
import type { IdentityConfig } from './config.ts';
import { registerIdentityMetrics } from './http/metrics.ts';
import { registerSystemRoutes } from './http/system.routes.ts';
import { registerKeyRoutes } from './keys/keys.routes.ts';
import { loadSigningKey, type SigningKey } from './keys/signing-key.ts';
import { TokenService } from './keys/token.service.ts';
import { RecoveryCodeRepository } from './recovery/recovery-code.repository.ts';
import { registerRecoveryRoutes } from './recovery/recovery.routes.ts';
import { RecoveryService } from './recovery/recovery.service.ts';
import { RefreshTokenRepository } from './sessions/refresh-token.repository.ts';
import { registerSessionRoutes } from './sessions/sessions.routes.ts';
import { SessionService } from './sessions/session.service.ts';
import { SpentPartialTokenRepository } from './sessions/spent-partial-token.repository.ts';
import { AttemptLimiter } from './two-factor/attempt-limiter.ts';
import { registerTwoFactorRoutes } from './two-factor/two-factor.routes.ts';
import { TwoFactorService } from './two-factor/two-factor.service.ts';
import { EventTransactions } from './users/event-transactions.ts';
import { UserDeletionRepository } from './users/user-deletion.repository.ts';
import { UserRepository } from './users/user.repository.ts';
import { registerUserRoutes } from './users/users.routes.ts';
import { UserService } from './users/user.service.ts';
import { AccountSecurityService } from './users/account-security.service.ts';
import { ProfileService } from './users/profile.service.ts';
import { PasswordResetRepository } from './password-reset/password-reset.repository.ts';
import { registerPasswordResetRoutes } from './password-reset/password-reset.routes.ts';
import { PasswordResetService } from './password-reset/password-reset.service.ts';
import { openResetMailer } from './password-reset/reset-mailer.ts';

export interface IdentityDeps {
  config: IdentityConfig;
  database: Database;
  cache: Cache;
  /** where assets' bytes live; deleting an account removes them when given */
  storage?: ObjectStorage;
  /** a pino logger to share (all-in-one); otherwise one is made from LOG_LEVEL */
  logger?: FastifyBaseLogger;
  /** an already loaded key (tests); otherwise read from config or generated */
  signingKey?: SigningKey;
  /**
   * Told after a commit that wrote outbox records (USER_UPDATE): the all-in-one wakes Official's
   * relay with it; apart, the relay's poll (1 s) finds them.
   */
  outboxWritten?: () => void;
}

/** The Identity app and its public routes as a plugin for another server in the same process. */
export interface BuiltIdentity {
  app: FastifyInstance;
  /**
   * The public routes (not /healthz, /readyz, /metrics), on the same services as `app`. Register
   * it in an encapsulated scope whose error handler is server-kit's (the Edge, under /id), with
   * `req.ip` the client's address; `app` still owns the lifecycle.
   */
  routes: FastifyPluginAsync;
  /** the largest request body `app` accepts (the mount should not accept more) */
  bodyLimit: number;
}

export async function buildIdentityApp(deps: IdentityDeps): Promise<FastifyInstance> {
  return (await buildIdentity(deps)).app;
}

/** Loads the signing key (ConfigError when the key file is bad); repositories and services are built once here and handed to the routes. */
export async function buildIdentity(deps: IdentityDeps): Promise<BuiltIdentity> {
  const { config, database, cache } = deps;
  const signingKey =
    deps.signingKey ??
    (await loadSigningKey(config.IDENTITY_RSA_PRIVATE_KEY_FILE, config.IDENTITY_RSA_PREVIOUS_KEY_FILE));

  const app = await createApiApp({
    name: 'identity',
    logLevel: config.LOG_LEVEL,
    logger: deps.logger,
    rateLimits: { enabled: config.RATE_LIMITS, what: 'login, 2FA and registration limits' },
    openapi: {
      title: 'twopointo Identity',
      description: 'Accounts, sign-in with TOTP 2FA, recovery codes and sessions, reached through the Edge',
      serverUrl: '/id',
    },
    // the Edge is the only caller; its X-Forwarded-For gives the client IP for rate limits
    fastify: { trustProxy: true },
  });
  if (signingKey.ephemeral) {
    app.log.warn(
      'IDENTITY_RSA_PRIVATE_KEY_FILE is not set: using an ephemeral signing key, tokens die with this process (run make identity-keygen)',
    );
  }

  const tokens = new TokenService(signingKey, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const limiter = new RateLimiter(cache, config.RATE_LIMITS);
  const attempts = new AttemptLimiter(limiter, config);
  const users = new UserRepository(database.db);
  const recoveryCodes = new RecoveryCodeRepository();
  const refreshTokens = new RefreshTokenRepository(database.db);
  const sessions = new SessionService({
    database,
    users,
    refreshTokens,
    spentPartialTokens: new SpentPartialTokenRepository(database.db),
    recoveryCodes,
    tokens,
    attempts,
  });

  const events = new EventTransactions(database, deps.outboxWritten);
  const accounts = {
    users: new UserService({
      database,
      users,
      recoveryCodes,
      deletions: new UserDeletionRepository(),
      attempts,
      storage: deps.storage,
      log: app.log,
      events,
    }),
    profiles: new ProfileService({ events, users }),
    security: new AccountSecurityService({ database, users, recoveryCodes, refreshTokens, attempts }),
  };
  const mailer = openResetMailer(config, app.log);
  app.addHook('onClose', async () => mailer.close());
  const passwordResets = new PasswordResetService({
    database,
    users,
    resets: new PasswordResetRepository(database.db),
    recoveryCodes,
    refreshTokens,
    attempts,
    limiter,
    limits: { perEmail: config.PASSWORD_RESET_RATE_LIMIT, perIp: config.PASSWORD_RESET_IP_RATE_LIMIT },
    mailer,
    publicUrl: config.PUBLIC_URL,
    log: app.log,
  });
  const twoFactor = new TwoFactorService({ database, users, recoveryCodes, sessions, attempts });
  const recovery = new RecoveryService(users);

  /** The one place the public routes are registered: on this app, and on a server that mounts them. */
  const registerPublicRoutes = (api: ApiApp) => {
    registerKeyRoutes(api, tokens);
    registerUserRoutes(api, accounts, tokens);
    registerPasswordResetRoutes(api, passwordResets);
    registerSessionRoutes(api, sessions, tokens);
    registerTwoFactorRoutes(api, twoFactor, tokens);
    registerRecoveryRoutes(api, recovery, tokens);
  };

  registerSystemRoutes(app, { database, cache });
  const countAnswers = registerIdentityMetrics(app);
  registerPublicRoutes(app);
  return {
    app,
    routes: async (scope) => {
      const api = installApiScope(scope);
      // the mount's sign-ins count on Identity's /metrics like its own
      countAnswers(api, scope.prefix);
      registerPublicRoutes(api);
    },
    bodyLimit: app.initialConfig.bodyLimit ?? 1024 * 1024,
  };
}
