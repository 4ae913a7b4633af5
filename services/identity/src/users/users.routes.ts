/** /me: the signed-in user's account. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeleteMeBody, Me } from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import type { AccountService } from './user.service.ts';
import type { TokenService } from '../keys/token.service.ts';
import { NoContent, bearer, errors } from '../http/schema.ts';

export interface MeRoutesOptions {
  accounts: AccountService;
  tokens: TokenService;
}

export const meRoutes: FastifyPluginAsyncTypebox<MeRoutesOptions> = async (app, { accounts, tokens }) => {
  const tags = ['me'];

  app.get('/me', { schema: { tags, security: bearer, response: { 200: Me, ...errors(401) } } }, async (req) =>
    accounts.me(await authenticate(tokens, req, 'access')),
  );

  app.delete(
    '/me',
    {
      schema: {
        tags,
        security: bearer,
        description: 'password plus a current TOTP code or an unused recovery code',
        body: DeleteMeBody,
        response: { 204: NoContent, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const subject = await authenticate(tokens, req, 'access');
      await accounts.deleteMe(subject, req.body, req.ip);
      return reply.status(204).send(null);
    },
  );
};
