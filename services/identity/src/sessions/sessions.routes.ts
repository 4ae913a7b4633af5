/** /auth/login, /auth/refresh, /auth/logout, /auth/logout-all: a session's start and end. */
import { LoginBody, LoginResult, RefreshBody, TokenPair } from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import { NoContent, bearer, errors } from '../http/schema.ts';
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
    { schema: { tags, body: LoginBody, response: { 200: LoginResult, ...errors(400, 401, 429) } } },
    async (req) => sessions.login(req.body, req.ip),
  );

  app.post(
    '/auth/refresh',
    { schema: { tags, body: RefreshBody, response: { 200: TokenPair, ...errors(400, 401) } } },
    async (req) => sessions.refresh(req.body.refresh_token),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
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
    { schema: { tags, security: bearer, response: { 204: NoContent, ...errors(401) } } },
    async (req, reply) => {
      await sessions.logoutAll(await authenticate(tokens, req, 'access'));
      return reply.status(204).send(null);
    },
  );
}
