/** Test-only token factory: an RSA key, its JWKS, and every kind of good and bad token. */
import { createHmac } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface TokenKit {
  jwks: { keys: JWK[] };
  kid: string;
  publicJwk: JWK;
  /** signs an access token (overrides change claims/header) */
  sign(
    claims?: Record<string, unknown>,
    opts?: { kid?: string; expiresIn?: string | number; key?: CryptoKey },
  ): Promise<string>;
  access(sub: string): Promise<string>;
  partial(sub: string): Promise<string>;
  expired(sub: string): Promise<string>;
  wrongIssuer(sub: string): Promise<string>;
  wrongAudience(sub: string): Promise<string>;
  /** right claims, signature of another key with the same kid */
  foreignKey(sub: string): Promise<string>;
  tampered(sub: string): Promise<string>;
  algNone(sub: string): Promise<string>;
  /** HS256 with the public key's PEM as the HMAC secret (the classic confusion attack) */
  hs256WithPublicKey(sub: string): Promise<string>;
}

export const ISSUER = 'twopointo-identity';
export const AUDIENCE = 'twopointo';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Valid access-token claims for 10 minutes, for the tokens forged by hand below. */
const accessClaims = (sub: string) => ({
  sub,
  iss: ISSUER,
  aud: AUDIENCE,
  typ: 'access',
  exp: Math.floor(Date.now() / 1000) + 600,
});

export async function makeTokenKit(): Promise<TokenKit> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  Object.assign(publicJwk, { kid, alg: 'RS256', use: 'sig' });
  const other = await generateKeyPair('RS256', { extractable: true });

  const sign: TokenKit['sign'] = (claims = {}, opts = {}) => {
    const { sub = '1', iss = ISSUER, aud = AUDIENCE, typ = 'access', ...rest } = claims;
    const jwt = new SignJWT({ typ, username: 'user', ...rest })
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? kid })
      .setSubject(String(sub))
      .setIssuer(String(iss))
      .setAudience(aud as string)
      .setIssuedAt();
    jwt.setExpirationTime(opts.expiresIn ?? '15m');
    return jwt.sign(opts.key ?? privateKey);
  };

  const pem = (await import('node:crypto'))
    .createPublicKey({ key: publicJwk as never, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' });

  return {
    jwks: { keys: [publicJwk] },
    kid,
    publicJwk,
    sign,
    access: (sub) => sign({ sub }),
    partial: (sub) => sign({ sub, aud: `${AUDIENCE}:2fa`, typ: 'partial' }, { expiresIn: '5m' }),
    expired: (sub) => sign({ sub }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    wrongIssuer: (sub) => sign({ sub, iss: 'someone-else' }),
    wrongAudience: (sub) => sign({ sub, aud: 'other-app' }),
    foreignKey: (sub) => sign({ sub }, { key: other.privateKey }),
    tampered: async (sub) => {
      const [h, , s] = (await sign({ sub })).split('.');
      const forged = b64({
        sub: 'admin',
        iss: ISSUER,
        aud: AUDIENCE,
        typ: 'access',
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      return `${h}.${forged}.${s}`;
    },
    algNone: async (sub) => {
      const payload = accessClaims(sub);
      return `${b64({ alg: 'none', typ: 'JWT', kid })}.${b64(payload)}.`;
    },
    hs256WithPublicKey: async (sub) => {
      const payload = accessClaims(sub);
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(payload)}`;
      const sig = createHmac('sha256', String(pem)).update(input).digest('base64url');
      return `${input}.${sig}`;
    },
  };
}
