/** Identity service: users, passwords, TOTP 2FA, recovery codes, refresh tokens, RS256 signing key. */
import {
  ownCache,
  ownDatabase,
  startService,
  type RunningService,
  type StartOptions,
} from '@twopointo/runtime';
import type { ObjectStorage } from '@twopointo/storage';
import { buildIdentity, type BuiltIdentity } from './app.ts';
import { readIdentityConfig, type IdentityConfig } from './config.ts';
import { loadSigningKey } from './keys/signing-key.ts';

export { buildIdentity, buildIdentityApp, type BuiltIdentity, type IdentityDeps } from './app.ts';
export { readIdentityConfig, identityConfigSpec, type IdentityConfig } from './config.ts';
export { loadSigningKey, type SigningKey } from './keys/signing-key.ts';

export interface StartIdentityOptions extends StartOptions<IdentityConfig> {
  /** where assets' bytes live; deleting an account removes them */
  storage?: ObjectStorage;
  /** told after a commit that wrote outbox records (see IdentityDeps) */
  outboxWritten?: () => void;
}

/** `routes`: the public routes for a server in the same process to mount (the all-in-one Edge). */
export type RunningIdentity = RunningService<BuiltIdentity>;

/** Opens what it was not given (database migrated, cache), listens on HOST:IDENTITY_PORT. */
export async function startIdentity(options: StartIdentityOptions = {}): Promise<RunningIdentity> {
  const config = options.config ?? readIdentityConfig(options.overrides);
  // a bad key file is a configuration error: report it before opening anything
  const signingKey = await loadSigningKey(
    config.IDENTITY_RSA_PRIVATE_KEY_FILE,
    config.IDENTITY_RSA_PREVIOUS_KEY_FILE,
  );
  return startService({
    host: config.HOST,
    port: config.IDENTITY_PORT,
    build: async (owned) =>
      buildIdentity({
        config,
        database: options.database ?? (await ownDatabase(config, owned, options.logger)),
        cache: options.cache ?? (await ownCache(config, owned, options.logger)),
        signingKey,
        storage: options.storage,
        logger: options.logger,
        outboxWritten: options.outboxWritten,
      }),
  });
}
