/** /.well-known/jwks.json: the public keys that verify Identity's tokens (current and previous). */
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from './token.service.ts';

export function registerKeyRoutes(app: IdentityApp, tokens: TokenService): void {
  app.get('/.well-known/jwks.json', { schema: { tags: ['keys'] } }, async (_req, reply) =>
    // verifiers cache it; a key change needs a restart anyway
    reply.header('cache-control', 'public, max-age=300').send(tokens.jwks()),
  );
}
