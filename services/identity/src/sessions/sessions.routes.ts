/** /auth/login, /auth/refresh, /auth/logout, /auth/logout-all: a session's start and end. */
import { Type } from '@fastify/type-provider-typebox';
import { Id, LoginBody, LoginResult, RefreshBody, Session, TokenPair } from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import { NoContent, anonymous, bearer, errors } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from '../keys/token.service.ts';
import type { SessionService } from './session.service.ts';

export function registerSessionRoutes(
  app: IdentityApp,
  sessions: SessionService,
  tokens: TokenService,
): void {
  const tags = ['auth'];

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        operationId: 'login',
        summary: 'Check email and password; answers a partial token for the 2FA step',
        security: anonymous,
        body: LoginBody,
        response: { 200: LoginResult, ...errors(400, 401, 429) },
      },
    },
    async (req) => sessions.login(req.body, req.ip),
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags,
        operationId: 'refresh',
        summary: 'Rotate a refresh token for a fresh token pair',
        security: anonymous,
        body: RefreshBody,
        response: { 200: TokenPair, ...errors(400, 401) },
      },
    },
    async (req) => sessions.refresh(req.body.refresh_token),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        operationId: 'logout',
        summary: 'Revoke a refresh token',
        security: bearer,
        body: RefreshBody,
        response: { 204: NoContent, ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      const subject = await authenticate(tokens, req, 'access');
      await sessions.logout(subject, req.body.refresh_token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      schema: {
        tags,
        operationId: 'logoutAll',
        summary: 'Revoke every refresh token of the account',
        security: bearer,
        response: { 204: NoContent, ...errors(401) },
      },
    },
    async (req, reply) => {
      await sessions.logoutAll(await authenticate(tokens, req, 'access'));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags,
        operationId: 'listSessions',
        summary: "The caller's signed-in devices",
        security: bearer,
        response: { 200: Type.Object({ sessions: Type.Array(Session) }), ...errors(401) },
      },
    },
    async (req) => ({ sessions: await sessions.list(await authenticate(tokens, req, 'access')) }),
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags,
        operationId: 'revokeSession',
        summary: 'Sign one of the caller’s devices out',
        description:
          'Its refresh token is revoked at once; an access token it already holds expires within 15 minutes.',
        security: bearer,
        params: Type.Object({ id: Id }),
        response: { 204: NoContent, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await sessions.revoke(await authenticate(tokens, req, 'access'), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
