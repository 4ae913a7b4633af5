/** /channels/:cid/messages/:mid/ack, /me/read-states */
import { Type } from '@fastify/type-provider-typebox';
import { ReadState } from '@twopointo/shared';
import { IdInput, NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import type { ReadStateService } from './read-state.service.ts';

const AckParams = Type.Object({ cid: IdInput, mid: IdInput });

export function registerReadStateRoutes(app: OfficialApp, readStates: ReadStateService): void {
  const tags = ['read states'];
  app.post(
    '/channels/:cid/messages/:mid/ack',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'ackMessage',
        summary: 'Mark a channel read up to a message',
        description:
          "Moves the caller's read marker in the channel to the message (never backwards: an older one " +
          'leaves it) and recounts the mentions after it; READ_STATE_UPDATE goes to every socket of the caller.',
        params: AckParams,
        response: { 204: NoContent, ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      await readStates.ack(actorOf(req), req.params.cid, req.params.mid);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/me/read-states',
    {
      schema: {
        tags,
        operationId: 'listMyReadStates',
        summary: "List the caller's read states",
        description:
          'One per channel the caller can view (last_read_id null before the first ack); a channel is ' +
          'unread when its last_message_id is above last_read_id.',
        response: { 200: Type.Object({ read_states: Type.Array(ReadState) }), ...errors(401) },
      },
    },
    async (req) => ({ read_states: await readStates.listMine(actorOf(req)) }),
  );
}
