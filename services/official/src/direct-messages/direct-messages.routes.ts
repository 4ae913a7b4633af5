/** /me/channels, /channels/:cid/recipients/:uid (DMs; their messages use the channel message routes) */
import { Type } from '@fastify/type-provider-typebox';
import { DmChannel } from '@twopointo/shared';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { CreateDmBody, RecipientParams } from './dm.schema.ts';
import type { DmService } from './dm.service.ts';

export function registerDmRoutes(app: OfficialApp, dms: DmService): void {
  const tags = ['direct-messages'];
  app.post(
    '/me/channels',
    {
      schema: {
        tags,
        operationId: 'openDm',
        summary: 'Open a DM: the 1:1 DM with one user (found or created), or a new group DM with 2-9',
        description:
          'Only with users who share a server with the caller and have not blocked them. 200 with the existing 1:1 ' +
          'DM, 201 with a new DM (then DM_CHANNEL_CREATE goes to every recipient). `name` names a group DM.',
        body: CreateDmBody,
        response: { 200: DmChannel, 201: DmChannel, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { channel, created } = await dms.open(actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(channel);
    },
  );
  app.get(
    '/me/channels',
    {
      schema: {
        tags,
        operationId: 'listMyDms',
        summary: "The caller's DMs, the most recently active first",
        description: 'At most 200. `recipients`: everyone in the DM but the caller.',
        response: { 200: Type.Object({ channels: Type.Array(DmChannel) }), ...errors(401) },
      },
    },
    async (req) => ({ channels: await dms.list(actorOf(req)) }),
  );
  app.put(
    '/channels/:cid/recipients/:uid',
    {
      schema: {
        tags,
        operationId: 'addDmRecipient',
        summary: 'Add a user to a group DM (any recipient may; at most 10 people)',
        description:
          'Only a user who shares a server with the caller and has not blocked them. Idempotent. The added user ' +
          'gets DM_CHANNEL_CREATE, the others CHANNEL_RECIPIENT_ADD.',
        params: RecipientParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await dms.addRecipient(actorOf(req), req.params.cid, req.params.uid);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/channels/:cid/recipients/:uid',
    {
      schema: {
        tags,
        operationId: 'removeDmRecipient',
        summary: 'Leave a group DM (uid = yourself) or, as its owner, remove someone',
        description:
          'CHANNEL_RECIPIENT_REMOVE goes to everyone who was in it, the removed user included. An owner who leaves ' +
          'hands the DM to the recipient who joined first (DM_CHANNEL_UPDATE); the last one out deletes it.',
        params: RecipientParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await dms.removeRecipient(actorOf(req), req.params.cid, req.params.uid);
      return reply.status(204).send(null);
    },
  );
}
