/**
 * Offline check of Identity's access tokens: RS256 only, against the cached JWKS, with exact
 * issuer and audience (a partial 2FA token's audience is `<aud>:2fa`, so it fails here) and
 * `typ: "access"`. Verified tokens are remembered until they expire.
 */
import { jwtVerify } from 'jose';
import { AppError, unauthorized } from '@twopointo/shared';
import { JwksCache } from './jwks-cache.ts';
import { TokenCache, type VerifiedToken } from './token-cache.ts';

export type { VerifiedToken } from './token-cache.ts';

export interface JwtVerifierOptions {
  identityUrl: string;
  issuer: string;
  audience: string;
  /** verified tokens remembered [10 000] */
  cacheSize?: number;
  /** JWKS refetch cooldown on an unknown kid [30 s] */
  jwksCooldownMs?: number;
}

/** Longest token we bother to parse: real ones are under 1 KB. */
const MAX_TOKEN_LENGTH = 8192;

export class JwtVerifier {
  readonly jwks: JwksCache;
  private readonly cache: TokenCache;

  constructor(private readonly opts: JwtVerifierOptions) {
    this.jwks = new JwksCache({
      url: `${opts.identityUrl}/.well-known/jwks.json`,
      cooldownMs: opts.jwksCooldownMs,
    });
    this.cache = new TokenCache(opts.cacheSize);
  }

  /** The token's user and expiry; throws 401 `missing_token`, `token_expired` or `invalid_token` (or 503 when keys are unreachable). */
  async verify(token: string | undefined): Promise<VerifiedToken> {
    if (!token) throw unauthorized('Missing access token', 'missing_token');
    const now = Math.floor(Date.now() / 1000);
    const hit = this.cache.get(token, now);
    if (hit) return hit;
    if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('Missing or invalid token');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks.getKey, {
        algorithms: ['RS256'],
        issuer: this.opts.issuer,
        // the audience is checked below, after the kind, so a partial (2FA) token — whose audience
        // is another — is told apart from a foreign one: the same code Identity gives it
        requiredClaims: ['sub', 'exp', 'iss', 'aud'],
      }));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unauthorized(
        describe(err),
        (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'token_expired' : 'invalid_token',
      );
    }
    if (payload.typ !== 'access')
      throw unauthorized(
        'This call needs an access token; finish two-factor login first',
        'access_token_required',
      );
    // exactly our audience: not another, and not a list that contains ours
    if (payload.aud !== this.opts.audience) throw unauthorized('Token audience not accepted');
    if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.exp !== 'number') {
      throw unauthorized('Malformed token claims');
    }
    const verified: VerifiedToken = { sub: payload.sub, exp: payload.exp };
    this.cache.set(token, verified);
    return verified;
  }

  /** Drops remembered tokens (tests, key rotation). */
  forget(): void {
    this.cache.clear();
  }
}

function describe(err: unknown): string {
  switch ((err as { code?: string }).code) {
    case 'ERR_JWT_EXPIRED':
      return 'Token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return 'Token claims not accepted';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'Bad token signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'Token algorithm not accepted';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'Unknown signing key';
    default:
      return 'Missing or invalid token';
  }
}
