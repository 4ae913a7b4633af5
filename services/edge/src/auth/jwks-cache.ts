/**
 * Identity's public keys, held in memory. Fetched once, refetched when a token names a kid we
 * do not know (key rotation) — at most once per cooldown, so forged kids cannot make us hammer
 * Identity.
 */
import {
  createLocalJWKSet,
  type CryptoKey,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type LocalJWKSet,
} from 'jose';
import { unavailable } from '@twopointo/shared';

export interface JwksCacheOptions {
  /** `${IDENTITY_URL}/.well-known/jwks.json` */
  url: string;
  /** minimum time between two refetches [30 s] */
  cooldownMs?: number;
  /** fetch timeout [3 s] */
  timeoutMs?: number;
}

export class JwksCache {
  private keySet: LocalJWKSet | undefined;
  private lastFetch = 0;
  private inflight: Promise<void> | undefined;
  private readonly cooldownMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: JwksCacheOptions) {
    this.cooldownMs = opts.cooldownMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 3000;
  }

  /** The key resolver jose's jwtVerify calls; throws 503 when Identity cannot be reached at all. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey> => {
    if (!this.keySet) await this.refresh(true);
    try {
      return await this.keySet!(header, token);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw err;
      if (Date.now() - this.lastFetch < this.cooldownMs) throw err;
      await this.refresh(false);
      return this.keySet!(header, token);
    }
  };

  /** Fetches the key set (deduplicating concurrent calls). */
  async refresh(required: boolean): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => (this.inflight = undefined));
    try {
      await this.inflight;
    } catch (err) {
      // a refetch that fails keeps the keys we have; with none at all we cannot verify anything
      if (required || !this.keySet) throw unavailable('Cannot reach the identity service for its keys');
      void err;
    }
  }

  private async fetchKeys(): Promise<void> {
    this.lastFetch = Date.now();
    const res = await fetch(this.opts.url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`JWKS fetch answered ${res.status}`);
    const jwks = (await res.json()) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new Error('JWKS without keys');
    this.keySet = createLocalJWKSet(jwks);
  }
}
