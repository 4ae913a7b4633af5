/** /channels/:cid/messages/:mid/reactions/:emoji[/@me] */
import { Type } from '@fastify/type-provider-typebox';
import { UserRef } from '@twopointo/shared';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ReactionParams, ReactionUsersQuery } from './reaction.schema.ts';
import type { ReactionService } from './reaction.service.ts';

export function registerReactionRoutes(app: OfficialApp, reactions: ReactionService): void {
  const tags = ['reactions'];
  app.put(
    '/channels/:cid/messages/:mid/reactions/:emoji/@me',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'addReaction',
        summary: 'React to a message (ADD_REACTIONS for an emoji not yet on it)',
        description:
          'Needs VIEW_CHANNEL and READ_MESSAGE_HISTORY; ADD_REACTIONS too when nobody has reacted with that ' +
          'emoji yet. Idempotent: a reaction already there is 204 again and emits nothing; otherwise ' +
          'MESSAGE_REACTION_ADD goes to the channel.',
        params: ReactionParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { cid, mid, emoji } = req.params;
      await reactions.add(actorOf(req), cid, mid, emoji);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/channels/:cid/messages/:mid/reactions/:emoji/@me',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'removeReaction',
        summary: "Remove the caller's reaction",
        description:
          'Idempotent: without such a reaction it is 204 and emits nothing; otherwise MESSAGE_REACTION_REMOVE ' +
          'goes to the channel.',
        params: ReactionParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { cid, mid, emoji } = req.params;
      await reactions.remove(actorOf(req), cid, mid, emoji);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/channels/:cid/messages/:mid/reactions/:emoji',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'listReactionUsers',
        summary: 'List who reacted with an emoji',
        description: 'By user id, ascending; `after`: users with a larger id (the next page).',
        params: ReactionParams,
        querystring: ReactionUsersQuery,
        response: {
          200: Type.Object({ users: Type.Array(UserRef) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { cid, mid, emoji } = req.params;
      return { users: await reactions.users(actorOf(req), cid, mid, emoji, req.query) };
    },
  );
}
