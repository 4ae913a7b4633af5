/** Identity's configuration: declared once, typed, validated at boot (see DESIGN.md). */
import { ConfigError, env, readConfig } from '@twopointo/server-kit';
import { cacheConfig, databaseConfig, optionalRepoPath, processConfig, rateLimit } from '@twopointo/runtime';

type Env = Record<string, string | undefined>;

/** An smtp:// or smtps:// URL (user and password in it), or unset. */
const smtpUrl = () => (e: Env, name: string) => {
  const v = env.optionalUrl()(e, name);
  if (v !== undefined && !/^smtps?:$/.test(new URL(v).protocol))
    throw new ConfigError(name, 'must be an smtp:// or smtps:// URL');
  return v;
};

export const identityConfigSpec = {
  ...processConfig,
  IDENTITY_PORT: env.port(8081),
  ...databaseConfig,
  /** Redis for rate limits; unset → in memory */
  ...cacheConfig,
  /** PEM signing key; unset → an ephemeral key per start (tokens die with the process) */
  IDENTITY_RSA_PRIVATE_KEY_FILE: optionalRepoPath(),
  /** during a key rotation: the previous key (PEM, private or public), still published and accepted */
  IDENTITY_RSA_PREVIOUS_KEY_FILE: optionalRepoPath(),
  JWT_ISSUER: env.string('twopointo-identity'),
  JWT_AUDIENCE: env.string('twopointo'),
  /** wrong passwords per account (email) */
  LOGIN_RATE_LIMIT: rateLimit('10/15m'),
  /** wrong passwords per client IP */
  LOGIN_IP_RATE_LIMIT: rateLimit('100/15m'),
  /** wrong TOTP or recovery codes per account */
  TWOFA_RATE_LIMIT: rateLimit('5/5m'),
  /** wrong TOTP or recovery codes per client IP */
  TWOFA_IP_RATE_LIMIT: rateLimit('50/5m'),
  /** registrations per client IP */
  REGISTER_RATE_LIMIT: rateLimit('20/1h'),
  /** password reset requests per email address */
  PASSWORD_RESET_RATE_LIMIT: rateLimit('5/1h'),
  /** password reset requests per client IP */
  PASSWORD_RESET_IP_RATE_LIMIT: rateLimit('20/1h'),
  /** the origin browsers use; password reset links point at `${PUBLIC_URL}/#reset=…` */
  PUBLIC_URL: env.url('http://localhost:60420'),
  /** where password reset mails go out (smtp[s]://user:pass@host:port); unset → the link is logged (embedded default only) */
  SMTP_URL: smtpUrl(),
  /** the From of those mails */
  SMTP_FROM: env.string('twopointo <no-reply@localhost>'),
};

export type IdentityConfig = {
  [K in keyof typeof identityConfigSpec]: ReturnType<(typeof identityConfigSpec)[K]>;
};

/** Reads Identity's config from the environment (and `.env`); overrides win (tests, all-in-one). */
export function readIdentityConfig(
  overrides: Partial<Record<keyof IdentityConfig, string>> = {},
  source: Env = process.env,
): IdentityConfig {
  return readConfig(identityConfigSpec, overrides, source);
}
