/** /servers/:sid/channels, /channels/:cid */
import { Type } from '@fastify/type-provider-typebox';
import { Channel, DmChannel } from '@twopointo/shared';
import type { DmService } from '../direct-messages/dm.service.ts';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerParams } from '../servers/server.schema.ts';
import {
  ChannelParams,
  CreateChannelBody,
  ReorderChannelsBody,
  UpdateChannelBody,
} from './channel.schema.ts';
import type { ChannelService } from './channel.service.ts';

export function registerChannelRoutes(app: OfficialApp, channels: ChannelService, dms: DmService): void {
  const tags = ['channels'];
  app.post(
    '/servers/:sid/channels',
    {
      schema: {
        tags,
        operationId: 'createChannel',
        summary: 'Create a text or voice channel, or a category (MANAGE_CHANNELS)',
        params: ServerParams,
        body: CreateChannelBody,
        response: { 201: Channel, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await channels.create(actorOf(req), req.params.sid, req.body)),
  );
  app.get(
    '/servers/:sid/channels',
    {
      schema: {
        tags,
        operationId: 'listChannels',
        summary: 'List the channels the caller can view',
        description: 'Channels the caller can view, by position then id',
        params: ServerParams,
        response: { 200: Type.Object({ channels: Type.Array(Channel) }), ...errors(400, 401, 404) },
      },
    },
    async (req) => ({ channels: await channels.list(actorOf(req), req.params.sid) }),
  );
  app.patch(
    '/servers/:sid/channels',
    {
      schema: {
        tags,
        operationId: 'reorderChannels',
        summary: 'Move and re-parent channels in one call (MANAGE_CHANNELS)',
        description: 'Answers the channels that changed; CHANNEL_UPDATE for each of them',
        params: ServerParams,
        body: ReorderChannelsBody,
        response: { 200: Type.Object({ channels: Type.Array(Channel) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ channels: await channels.reorder(actorOf(req), req.params.sid, req.body) }),
  );
  app.patch(
    '/channels/:cid',
    {
      schema: {
        tags,
        operationId: 'updateChannel',
        summary:
          'Rename, re-topic, move or re-parent a channel (MANAGE_CHANNELS); rename a group DM (any recipient)',
        description:
          'On a group DM only `name` may be given (as typed, not lower-cased); DM_CHANNEL_UPDATE goes to every ' +
          'recipient. A 1:1 DM cannot be renamed (400 not_group_dm).',
        params: ChannelParams,
        body: UpdateChannelBody,
        response: { 200: Type.Union([Channel, DmChannel]), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // the access check is made once per request: the service's own check reuses this one
      const conversation = await actor.access.requireConversation(req.params.cid);
      if (conversation.kind === 'dm') return dms.rename(actor, req.params.cid, req.body);
      return channels.update(actor, req.params.cid, req.body);
    },
  );
  app.delete(
    '/channels/:cid',
    {
      schema: {
        tags,
        operationId: 'deleteChannel',
        summary: 'Delete a channel and its messages (MANAGE_CHANNELS); close a 1:1 DM or leave a group DM',
        description:
          'On a 1:1 DM: closes it for the caller only (DM_CHANNEL_DELETE to their sockets): it leaves their DM ' +
          'list, history kept, until a newer message arrives or they open it again. On a group DM: leaves it ' +
          '(as DELETE /channels/:cid/recipients/<caller>). A DM the caller is not in is 404.',
        params: ChannelParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const conversation = await actor.access.requireConversation(req.params.cid);
      if (conversation.kind === 'dm') await dms.close(actor, req.params.cid);
      else await channels.delete(actor, req.params.cid);
      return reply.status(204).send(null);
    },
  );
}
