/** JWTs (RS256, kid = JWK thumbprint) and opaque refresh tokens; contract in docs/INTERNALS.md. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
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
  /** access tokens: the session (refresh-token family) that issued it */
  sid?: string;
}

/** A verified partial token: its jti makes it single-use (spent when it starts a session). */
export interface PartialSubject extends TokenSubject {
  jti: string;
  expiresAt: Date;
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

  /** `sid` (access tokens) names the session that issued it, so GET /sessions can mark it current. */
  sign(kind: TokenKind, user: TokenSubject, sid?: string): Promise<string> {
    // a partial token carries a jti so that it can be spent once (access tokens are stateless)
    const claims = kind === 'partial' ? { jti: randomUUID() } : sid ? { sid } : {};
    return new SignJWT({ typ: kind, username: user.username, ...claims })
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
  verify(token: string, kind: 'partial'): Promise<PartialSubject>;
  verify(token: string, kind: TokenKind): Promise<TokenSubject>;
  async verify(token: string, kind: TokenKind): Promise<TokenSubject | PartialSubject> {
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
    if (kind === 'partial') {
      if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
        throw unauthorized('Invalid token', 'invalid_token');
      }
      return {
        id: payload.sub,
        username: payload.username,
        jti: payload.jti,
        expiresAt: new Date(payload.exp * 1000),
      };
    }
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    return sid ? { id: payload.sub, username: payload.username, sid } : { id: payload.sub, username: payload.username };
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
