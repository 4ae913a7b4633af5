/** /auth/register and /me: creating an account, reading and deleting your own. */
import {
  ChangePasswordBody,
  DeleteMeBody,
  Me,
  NewRecoveryCodesBody,
  RecoveryCodes,
  RegisterBody,
  RegisteredUser,
  UpdateMeBody,
} from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import { NoContent, anonymous, bearer, errors } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from '../keys/token.service.ts';
import type { AccountSecurityService } from './account-security.service.ts';
import type { ProfileService } from './profile.service.ts';
import type { UserService } from './user.service.ts';

export interface UserRouteServices {
  users: UserService;
  profiles: ProfileService;
  security: AccountSecurityService;
}

export function registerUserRoutes(
  app: IdentityApp,
  { users, profiles, security }: UserRouteServices,
  tokens: TokenService,
): void {
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

  app.patch(
    '/me',
    {
      schema: {
        tags,
        operationId: 'updateMe',
        summary: 'Change the profile: username, display name, avatar, about',
        description:
          'Answers the updated account; USER_UPDATE goes to the caller’s sockets and to every server they are a member of.',
        security: bearer,
        body: UpdateMeBody,
        response: { 200: Me, ...errors(400, 401, 409) },
      },
    },
    async (req) => profiles.update(await authenticate(tokens, req, 'access'), req.body),
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags,
        operationId: 'changePassword',
        summary: 'Change the password; every other session is signed out',
        security: bearer,
        body: ChangePasswordBody,
        response: { 204: NoContent, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      await security.changePassword(await authenticate(tokens, req, 'access'), req.body, req.ip);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/recovery-codes',
    {
      schema: {
        tags,
        operationId: 'newRecoveryCodes',
        summary: 'Replace the recovery codes (a current TOTP code required); shown this once',
        security: bearer,
        body: NewRecoveryCodesBody,
        response: { 200: RecoveryCodes, ...errors(400, 401, 403, 429) },
      },
    },
    async (req) => ({
      recovery_codes: await security.newRecoveryCodes(
        await authenticate(tokens, req, 'access'),
        req.body.code,
        req.ip,
      ),
    }),
  );
}
