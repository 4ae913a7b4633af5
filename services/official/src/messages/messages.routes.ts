/** /channels/:cid/messages, /messages/:mid, /channels/:cid/typing */
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Message } from '@twopointo/shared';
import { ChannelParams } from '../channels/channel.schema.ts';
import { sendJson } from '../http/present.ts';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { CreateMessageBody, EditMessageBody, HistoryQuery, MessageParams } from './message.schema.ts';
import type { MessageService } from './message.service.ts';
import type { TypingService } from './typing.service.ts';

export function registerMessageRoutes(
  app: OfficialApp,
  messages: MessageService,
  typing: TypingService,
): void {
  const tags = ['messages'];
  app.post(
    '/channels/:cid/messages',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'createMessage',
        summary: 'Post a message (SEND_MESSAGES; ATTACH_FILES with attachments)',
        params: ChannelParams,
        body: CreateMessageBody,
        response: { 201: Message, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await messages.create(actorOf(req), req.params.cid, req.body)),
  );
  app.get(
    '/channels/:cid/messages',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'listMessages',
        summary: "Page through a channel's history (READ_MESSAGE_HISTORY)",
        description:
          'Newest first. `before`: the newest `limit` messages older than it. `after`: the oldest `limit` messages newer ' +
          'than it, still sorted newest first. `around` (not with before/after): the page centred on that id (it, up to ' +
          'half the page newer, the rest older), `has_more` then says more exist beyond either end. ' +
          '`has_more`: more messages exist beyond the page in that direction.',
        params: ChannelParams,
        querystring: HistoryQuery,
        response: {
          200: Type.Object({ messages: Type.Array(Message), has_more: Type.Boolean() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    // the body comes serialised (the newest page once per change), so it is sent as it is; the
    // reply is returned: behind an async onSend hook (the Edge's compression, in process) a
    // handler resolving undefined would make Fastify send a second time
    async (req, reply) => {
      sendJson(reply as FastifyReply, await messages.list(actorOf(req), req.params.cid, req.query));
      return reply;
    },
  );
  app.patch(
    '/messages/:mid',
    {
      schema: {
        tags,
        operationId: 'editMessage',
        summary: "Edit one's own message",
        params: MessageParams,
        body: EditMessageBody,
        response: { 200: Message, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => messages.edit(actorOf(req), req.params.mid, req.body.content),
  );
  app.delete(
    '/messages/:mid',
    {
      schema: {
        tags,
        operationId: 'deleteMessage',
        summary: 'Delete a message (the author, or MANAGE_MESSAGES)',
        params: MessageParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await messages.delete(actorOf(req), req.params.mid);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/channels/:cid/typing',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'startTyping',
        summary: 'Tell the channel the caller is typing (SEND_MESSAGES)',
        params: ChannelParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      await typing.start(actorOf(req), req.params.cid);
      return reply.status(204).send(null);
    },
  );
}
