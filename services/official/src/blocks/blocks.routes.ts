/** /me/blocks[/:uid] */
import { Type } from '@fastify/type-provider-typebox';
import { UserRef } from '@twopointo/shared';
import { IdInput, NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import type { BlockService } from './block.service.ts';

const BlockParams = Type.Object({ uid: IdInput });

export function registerBlockRoutes(app: OfficialApp, blocks: BlockService): void {
  const tags = ['blocks'];
  app.put(
    '/me/blocks/:uid',
    {
      schema: {
        tags,
        operationId: 'blockUser',
        summary: 'Block a user',
        description:
          'Idempotent: a user already blocked is 204 again and emits nothing; otherwise RELATIONSHIP_UPDATE ' +
          '`{user_id, type:"blocked"}` goes to every socket of the caller. The blocked user is not told.',
        params: BlockParams,
        response: { 204: NoContent, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await blocks.block(actorOf(req), req.params.uid);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/me/blocks/:uid',
    {
      schema: {
        tags,
        operationId: 'unblockUser',
        summary: 'Unblock a user',
        description:
          'Idempotent: a user not blocked is 204 and emits nothing; otherwise RELATIONSHIP_UPDATE ' +
          '`{user_id, type:"none"}` goes to every socket of the caller.',
        params: BlockParams,
        response: { 204: NoContent, ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      await blocks.unblock(actorOf(req), req.params.uid);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/me/blocks',
    {
      schema: {
        tags,
        operationId: 'listMyBlocks',
        summary: 'List the users the caller blocked',
        description: 'Newest block first.',
        response: { 200: Type.Object({ users: Type.Array(UserRef) }), ...errors(401) },
      },
    },
    async (req) => ({ users: await blocks.list(actorOf(req)) }),
  );
}
