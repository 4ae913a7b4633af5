/** Test factories for Identity: a listening instance on a test database, and a signed-up user. */
import { randomInt } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { MemoryCache, type Cache } from '@twopointo/cache';
import { createTestDatabase, type Backend, type TestDatabase } from '@twopointo/db';
import type { ObjectStorage } from '@twopointo/storage';
import { totp } from '../../../../test/helpers/totp.ts';
import { buildIdentityApp } from '../app.ts';
import { loadSigningKey, type SigningKey } from '../keys/signing-key.ts';
import { readIdentityConfig, type IdentityConfig } from '../config.ts';

export type Overrides = Partial<Record<keyof IdentityConfig, string>>;

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  /** sent as X-Forwarded-For, as the Edge does */
  ip?: string;
  headers?: Record<string, string>;
}

export interface TestIdentity {
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  config: IdentityConfig;
  call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** Config as tests want it: port 0, quiet, and nothing from the machine's environment. */
export function testConfig(overrides: Overrides = {}): IdentityConfig {
  return readIdentityConfig({ IDENTITY_PORT: '0', LOG_LEVEL: 'silent', ...overrides }, {});
}

export async function call(
  url: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.ip) headers['x-forwarded-for'] = opts.ip;
  const res = await fetch(url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** Builds Identity on a fresh test database and listens on 127.0.0.1:0. */
export async function startTestIdentity(
  backend: Backend,
  opts: {
    overrides?: Overrides;
    storage?: ObjectStorage;
    database?: TestDatabase;
    cache?: Cache;
    logger?: FastifyBaseLogger;
    outboxWritten?: () => void;
  } = {},
): Promise<TestIdentity> {
  const config = testConfig(opts.overrides);
  const ownDatabase = opts.database === undefined;
  const database = opts.database ?? (await createTestDatabase(backend));
  const ownCache = opts.cache === undefined;
  const cache = opts.cache ?? new MemoryCache();
  // RSA key generation is slow on a busy machine: instances without a key file share one
  const signingKey = config.IDENTITY_RSA_PRIVATE_KEY_FILE ? undefined : await sharedEphemeralKey();
  const app = await buildIdentityApp({
    config,
    database,
    cache,
    storage: opts.storage,
    logger: opts.logger,
    signingKey,
    outboxWritten: opts.outboxWritten,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    database,
    config,
    call: (method, path, callOpts) => call(url, method, path, callOpts),
    close: async () => {
      await app.close();
      if (ownCache) await cache.close();
      if (ownDatabase) await database.close();
    },
  };
}

let ephemeral: Promise<SigningKey> | undefined;
const sharedEphemeralKey = (): Promise<SigningKey> => (ephemeral ??= loadSigningKey(undefined));

let counter = 0;
/** A unique, valid username and email for this run. */
export function uniqueUser(prefix = 'user'): { email: string; username: string; password: string } {
  const n = `${prefix}${process.pid}_${++counter}_${randomInt(1e6)}`.slice(0, 32);
  return { email: `${n}@example.com`, username: n, password: 'S3cretPass!' };
}

export const randomIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export interface SignedUp {
  id: string;
  email: string;
  username: string;
  password: string;
  secret: string;
  /** the TOTP code sign-up's verify spent (the current step may have moved on since) */
  usedCode: string;
  partial: string;
  access: string;
  refresh: string;
  recoveryCodes: string[];
  ip: string;
}

/** register → login → 2fa/setup → 2fa/verify (with the independent TOTP), asserting each step. */
export async function signUp(id: Pick<TestIdentity, 'call'>, prefix = 'user'): Promise<SignedUp> {
  const user = uniqueUser(prefix);
  const ip = randomIp();
  const reg = await id.call('POST', '/auth/register', { body: user, ip });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await id.call('POST', '/auth/login', {
    body: { email: user.email, password: user.password },
    ip,
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const setup = await id.call('POST', '/auth/2fa/setup', { token: login.body.partial_token, ip });
  if (setup.status !== 200) throw new Error(`setup: ${setup.status} ${JSON.stringify(setup.body)}`);
  const usedCode = totp(setup.body.totp_secret);
  const verify = await id.call('POST', '/auth/2fa/verify', {
    token: login.body.partial_token,
    body: { code: usedCode },
    ip,
  });
  if (verify.status !== 200) throw new Error(`verify: ${verify.status} ${JSON.stringify(verify.body)}`);
  return {
    id: reg.body.id,
    ...user,
    ip,
    secret: setup.body.totp_secret,
    usedCode,
    partial: login.body.partial_token,
    access: verify.body.access_token,
    refresh: verify.body.refresh_token,
    recoveryCodes: verify.body.recovery_codes,
  };
}

/** Another device of `u`: login, then a recovery code as the second factor (TOTP steps are single-use). */
export async function signInAgain(
  id: Pick<TestIdentity, 'call'>,
  u: SignedUp,
  userAgent: string,
): Promise<{ access: string; refresh: string }> {
  const login = await id.call('POST', '/auth/login', {
    body: { email: u.email, password: u.password },
    ip: u.ip,
  });
  const code = u.recoveryCodes.shift();
  const res = await id.call('POST', '/auth/2fa/recover', {
    token: login.body.partial_token,
    body: { recovery_code: code },
    ip: u.ip,
    headers: { 'user-agent': userAgent },
  });
  if (res.status !== 200) throw new Error(`recover: ${res.status} ${JSON.stringify(res.body)}`);
  return { access: res.body.access_token, refresh: res.body.refresh_token };
}

/** A logger that keeps warnings, to assert on start-up messages. */
export function capturingLogger(): { logger: FastifyBaseLogger; warnings: string[] } {
  const warnings: string[] = [];
  const noop = () => undefined;
  const logger = {
    level: 'warn',
    fatal: noop,
    error: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    warn: (...args: unknown[]) => {
      warnings.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    },
    child: () => logger,
  };
  return { logger: logger as unknown as FastifyBaseLogger, warnings };
}
