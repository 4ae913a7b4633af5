/** /password-reset and /password-reset/confirm: a forgotten password, without being signed in. */
import { PasswordResetBody, PasswordResetConfirmBody } from '@twopointo/shared';
import { Type } from '@fastify/type-provider-typebox';
import { NoContent, anonymous, errors } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { PasswordResetService } from './password-reset.service.ts';

export function registerPasswordResetRoutes(app: IdentityApp, resets: PasswordResetService): void {
  const tags = ['auth'];
  app.post(
    '/password-reset',
    {
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        summary: 'Mail a password reset link (always 202, whether or not the email is known)',
        security: anonymous,
        body: PasswordResetBody,
        response: { 202: Type.Null({ description: 'Accepted' }), ...errors(400, 429) },
      },
    },
    async (req, reply) => {
      await resets.request(req.body.email, req.ip);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      schema: {
        tags,
        operationId: 'confirmPasswordReset',
        summary: 'Set a new password with the link’s token and a second factor; every session is signed out',
        security: anonymous,
        body: PasswordResetConfirmBody,
        response: { 204: NoContent, ...errors(400, 403, 429) },
      },
    },
    async (req, reply) => {
      await resets.confirm(req.body, req.ip);
      return reply.status(204).send(null);
    },
  );
}
