/** /auth/recovery/confirm: the user has stored the recovery codes. */
import { authenticate } from '../http/bearer.ts';
import { NoContent, bearer, errors } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from '../keys/token.service.ts';
import type { RecoveryService } from './recovery.service.ts';

export function registerRecoveryRoutes(
  app: IdentityApp,
  recovery: RecoveryService,
  tokens: TokenService,
): void {
  app.post(
    '/auth/recovery/confirm',
    {
      schema: {
        tags: ['auth'],
        operationId: 'confirmRecoveryCodes',
        summary: 'Confirm the recovery codes are stored',
        security: bearer,
        response: { 204: NoContent, ...errors(401) },
      },
    },
    async (req, reply) => {
      await recovery.confirm(await authenticate(tokens, req, 'access'));
      return reply.status(204).send(null);
    },
  );
}
