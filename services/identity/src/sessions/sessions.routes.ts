/** /auth/*: registration, login, 2FA, recovery codes, refresh-token rotation, logout. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  LoginBody,
  LoginResult,
  RecoverBody,
  RefreshBody,
  RegisterBody,
  RegisteredUser,
  TokenPair,
  TotpSetupResult,
  VerifyBody,
} from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import type { AuthService } from './session.service.ts';
import type { TokenService } from '../keys/token.service.ts';
import { NoContent, bearer, errors } from '../http/schema.ts';

export interface AuthRoutesOptions {
  auth: AuthService;
  tokens: TokenService;
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { auth, tokens }) => {
  const tags = ['auth'];

  app.post(
    '/auth/register',
    { schema: { tags, body: RegisterBody, response: { 201: RegisteredUser, ...errors(400, 409, 429) } } },
    async (req, reply) => reply.status(201).send(await auth.register(req.body, req.ip)),
  );

  app.post(
    '/auth/login',
    { schema: { tags, body: LoginBody, response: { 200: LoginResult, ...errors(400, 401, 429) } } },
    async (req) => auth.login(req.body, req.ip),
  );

  app.post(
    '/auth/2fa/setup',
    {
      schema: {
        tags,
        security: bearer,
        description: 'partial token',
        response: { 200: TotpSetupResult, ...errors(401, 409) },
      },
    },
    async (req) => auth.setupTotp(await authenticate(tokens, req, 'partial')),
  );

  app.post(
    '/auth/2fa/verify',
    {
      schema: {
        tags,
        security: bearer,
        description: 'partial token',
        body: VerifyBody,
        response: { 200: TokenPair, ...errors(400, 401, 409, 429) },
      },
    },
    async (req) => {
      const subject = await authenticate(tokens, req, 'partial');
      return auth.verifyTotp(subject, req.body.code, req.ip);
    },
  );

  app.post(
    '/auth/2fa/recover',
    {
      schema: {
        tags,
        security: bearer,
        description: 'partial token',
        body: RecoverBody,
        response: { 200: TokenPair, ...errors(400, 401, 409, 429) },
      },
    },
    async (req) => {
      const subject = await authenticate(tokens, req, 'partial');
      return auth.recover(subject, req.body.recovery_code, req.ip);
    },
  );

  app.post(
    '/auth/recovery/confirm',
    { schema: { tags, security: bearer, response: { 204: NoContent, ...errors(401) } } },
    async (req, reply) => {
      await auth.confirmRecovery(await authenticate(tokens, req, 'access'));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/refresh',
    { schema: { tags, body: RefreshBody, response: { 200: TokenPair, ...errors(400, 401) } } },
    async (req) => auth.refresh(req.body.refresh_token),
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
      await auth.logout(subject, req.body.refresh_token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    { schema: { tags, security: bearer, response: { 204: NoContent, ...errors(401) } } },
    async (req, reply) => {
      await auth.logoutAll(await authenticate(tokens, req, 'access'));
      return reply.status(204).send(null);
    },
  );
};
