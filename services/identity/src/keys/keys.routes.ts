/** /.well-known/jwks.json: the public keys that verify Identity's tokens (current and previous). */
import { Type } from '@fastify/type-provider-typebox';
import type { JSONWebKeySet } from 'jose';
import { anonymous } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from './token.service.ts';

// a JWK's members are all strings (RFC 7517); these are the ones an RS256 verifier needs
const Jwks = Type.Unsafe<JSONWebKeySet>(
  Type.Object({
    keys: Type.Array(
      Type.Object(
        { kty: Type.Literal('RSA'), kid: Type.String(), n: Type.String(), e: Type.String() },
        { additionalProperties: Type.String() },
      ),
    ),
  }),
);

export function registerKeyRoutes(app: IdentityApp, tokens: TokenService): void {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['keys'],
        operationId: 'getJwks',
        summary: "The RSA public keys (JWKS) that verify Identity's tokens",
        security: anonymous,
        response: { 200: Jwks },
      },
    },
    async (_req, reply) =>
      // verifiers cache it; a key change needs a restart anyway
      reply.header('cache-control', 'public, max-age=300').send(tokens.jwks()),
  );
}
