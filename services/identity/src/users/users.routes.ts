/** /auth/register and /me: creating an account, reading and deleting your own. */
import { DeleteMeBody, Me, RegisterBody, RegisteredUser } from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import { NoContent, anonymous, bearer, errors } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from '../keys/token.service.ts';
import type { UserService } from './user.service.ts';

export function registerUserRoutes(app: IdentityApp, users: UserService, tokens: TokenService): void {
  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        operationId: 'register',
        summary: 'Create an account',
        security: anonymous,
        body: RegisterBody,
        response: { 201: RegisteredUser, ...errors(400, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await users.register(req.body, req.ip)),
  );

  const tags = ['me'];
  app.get(
    '/me',
    {
      schema: {
        tags,
        operationId: 'getMe',
        summary: 'The signed-in account',
        security: bearer,
        response: { 200: Me, ...errors(401) },
      },
    },
    async (req) => users.me(await authenticate(tokens, req, 'access')),
  );

  app.delete(
    '/me',
    {
      schema: {
        tags,
        operationId: 'deleteMe',
        summary: 'Delete the signed-in account and everything it owns',
        security: bearer,
        description: 'password plus a current TOTP code or an unused recovery code',
        body: DeleteMeBody,
        response: { 204: NoContent, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const subject = await authenticate(tokens, req, 'access');
      await users.deleteMe(subject, req.body, req.ip);
      return reply.status(204).send(null);
    },
  );
}
