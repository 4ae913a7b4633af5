/** /channels/:cid/pins[/:mid] */
import { Type } from '@fastify/type-provider-typebox';
import { Message } from '@twopointo/shared';
import { ChannelParams } from '../channels/channel.schema.ts';
import { IdInput, NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { MAX_PINS, type PinService } from './pin.service.ts';

const PinParams = Type.Object({ cid: IdInput, mid: IdInput });

export function registerPinRoutes(app: OfficialApp, pins: PinService): void {
  const tags = ['pins'];
  app.put(
    '/channels/:cid/pins/:mid',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'pinMessage',
        summary: 'Pin a message (MANAGE_MESSAGES)',
        description:
          `At most ${MAX_PINS} pins per channel (400 too_many_pins). Idempotent: an already pinned message ` +
          'is 204 again and emits nothing; otherwise CHANNEL_PINS_UPDATE goes to the channel.',
        params: PinParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await pins.pin(actorOf(req), req.params.cid, req.params.mid);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/channels/:cid/pins/:mid',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'unpinMessage',
        summary: 'Unpin a message (MANAGE_MESSAGES)',
        description: 'Idempotent: a message that is not pinned is 204 and emits nothing.',
        params: PinParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await pins.unpin(actorOf(req), req.params.cid, req.params.mid);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/channels/:cid/pins',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'listPins',
        summary: "List a channel's pinned messages (READ_MESSAGE_HISTORY)",
        description: 'Newest pin first.',
        params: ChannelParams,
        response: { 200: Type.Object({ messages: Type.Array(Message) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ messages: await pins.list(actorOf(req), req.params.cid) }),
  );
}
