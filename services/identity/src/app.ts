/** Builds the Identity Fastify app from opened backends; the caller decides when to listen. */
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { RateLimiter, type Cache } from '@twopointo/cache';
import type { Database } from '@twopointo/db';
import {
  installErrorHandler,
  installJsonBodyParser,
  requestIdOptions,
  serviceLoggerOptions,
  warnIfRateLimitsOff,
} from '@twopointo/server-kit';
import type { ObjectStorage } from '@twopointo/storage';
import type { IdentityConfig } from './config.ts';
import { authRoutes } from './sessions/sessions.routes.ts';
import { meRoutes } from './users/users.routes.ts';
import { systemRoutes } from './http/system.routes.ts';
import { AccountService } from './users/user.service.ts';
import { AttemptLimiter } from './two-factor/attempt-limiter.ts';
import { AuthService } from './sessions/session.service.ts';
import { loadSigningKey, type SigningKey } from './keys/signing-key.ts';
import { TokenService } from './keys/token.service.ts';

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
}

/** Loads the signing key (ConfigError when the key file is bad) and wires routes → services → repositories. */
export async function buildIdentityApp(deps: IdentityDeps): Promise<FastifyInstance> {
  const { config, database, cache } = deps;
  const signingKey =
    deps.signingKey ??
    (await loadSigningKey(config.IDENTITY_RSA_PRIVATE_KEY_FILE, config.IDENTITY_RSA_PREVIOUS_KEY_FILE));

  const app = Fastify({
    ...serviceLoggerOptions(deps.logger, config.LOG_LEVEL, 'identity'),
    ...requestIdOptions,
    // the Edge is the only caller; its X-Forwarded-For gives the client IP for rate limits
    trustProxy: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (signingKey.ephemeral) {
    app.log.warn(
      'IDENTITY_RSA_PRIVATE_KEY_FILE is not set: using an ephemeral signing key, tokens die with this process (run make identity-keygen)',
    );
  }
  warnIfRateLimitsOff(app, config.RATE_LIMITS, 'login, 2FA and registration limits');
  installJsonBodyParser(app);
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'twopointo Identity',
        version: '0.1.0',
        description: 'Reached through the Edge under /id',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });

  const tokens = new TokenService(signingKey, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const attempts = new AttemptLimiter(new RateLimiter(cache, config.RATE_LIMITS), config);
  const auth = new AuthService({ database, tokens, attempts });
  const accounts = new AccountService({ database, auth, attempts, storage: deps.storage, log: app.log });

  await app.register(systemRoutes, { tokens, database, cache });
  await app.register(authRoutes, { auth, tokens });
  await app.register(meRoutes, { accounts, tokens });
  return app;
}
