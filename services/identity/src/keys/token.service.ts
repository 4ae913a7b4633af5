/** JWTs (RS256, kid = JWK thumbprint) and opaque refresh tokens; contract in docs/INTERNALS.md. */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import { unauthorized } from '@twopointo/shared';
import type { SigningKey } from './signing-key.ts';

export const ACCESS_TOKEN_TTL_S = 15 * 60;
export const PARTIAL_TOKEN_TTL_S = 5 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export type TokenKind = 'access' | 'partial';

export interface TokenSubject {
  id: string;
  username: string;
}

export interface TokenOptions {
  issuer: string;
  audience: string;
}

export class TokenService {
  /** picks the verification key by the token's kid: the current key or a previous one (rotation) */
  private readonly keySet: ReturnType<typeof createLocalJWKSet>;

  constructor(
    private readonly key: SigningKey,
    private readonly opts: TokenOptions,
  ) {
    this.keySet = createLocalJWKSet(this.jwks());
  }

  /** The audience a token of this kind carries: partial tokens are useless outside the 2FA calls. */
  audienceOf(kind: TokenKind): string {
    return kind === 'access' ? this.opts.audience : `${this.opts.audience}:2fa`;
  }

  sign(kind: TokenKind, user: TokenSubject): Promise<string> {
    return new SignJWT({ typ: kind, username: user.username })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.opts.issuer)
      .setAudience(this.audienceOf(kind))
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(`${kind === 'access' ? ACCESS_TOKEN_TTL_S : PARTIAL_TOKEN_TTL_S}s`)
      .sign(this.key.privateKey);
  }

  /**
   * Checks a bearer token for a call that needs `kind`; every failure is a 401 with its own code
   * so clients can tell an expired session from a token used in the wrong place.
   */
  async verify(token: string, kind: TokenKind): Promise<TokenSubject> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, {
        issuer: this.opts.issuer,
        algorithms: ['RS256'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthorized('Token expired', 'token_expired');
      throw unauthorized('Invalid token', 'invalid_token');
    }
    // exactly one audience, as the Edge demands: a list could make one token both kinds
    const aud = typeof payload.aud === 'string' ? [payload.aud] : [];
    const actual: TokenKind | undefined =
      payload.typ === 'access' && aud.includes(this.audienceOf('access'))
        ? 'access'
        : payload.typ === 'partial' && aud.includes(this.audienceOf('partial'))
          ? 'partial'
          : undefined;
    if (actual === undefined || typeof payload.sub !== 'string' || typeof payload.username !== 'string') {
      throw unauthorized('Invalid token', 'invalid_token');
    }
    if (actual !== kind) {
      throw kind === 'access'
        ? unauthorized(
            'This call needs an access token; finish two-factor login first',
            'access_token_required',
          )
        : unauthorized('This call needs the partial token from login', 'partial_token_required');
    }
    return { id: payload.sub, username: payload.username };
  }

  jwks(): JSONWebKeySet {
    return { keys: [this.key.publicJwk, ...this.key.previous] };
  }
}

/** A refresh token: 32 random bytes, base64url; only its hash is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
