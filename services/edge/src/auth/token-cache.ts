/**
 * Verified access tokens, so a busy client is not RSA-verified on every request. Bounded: the
 * oldest insertion goes first (Map keeps insertion order), which is close enough to LRU for
 * tokens that live 15 minutes.
 */
export interface VerifiedToken {
  /** user id */
  sub: string;
  /** expiry, seconds since the epoch */
  exp: number;
}

export class TokenCache {
  private readonly map = new Map<string, VerifiedToken>();

  constructor(private readonly max = 10_000) {}

  /** The cached claims if still valid at `nowSeconds`. */
  get(token: string, nowSeconds: number): VerifiedToken | undefined {
    const hit = this.map.get(token);
    if (hit === undefined) return undefined;
    if (hit.exp <= nowSeconds) {
      this.map.delete(token);
      return undefined;
    }
    return hit;
  }

  set(token: string, value: VerifiedToken): void {
    if (this.map.size >= this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(token, value);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
