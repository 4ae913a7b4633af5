/** /servers/:sid/invites, /invites/:code */
import { Invite, InvitePreview, Server } from '@twopointo/shared';
import { errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerParams } from '../servers/server.schema.ts';
import { CreateInviteBody, InviteParams } from './invite.schema.ts';
import type { InviteService } from './invite.service.ts';

export function registerInviteRoutes(app: OfficialApp, invites: InviteService): void {
  const tags = ['invites'];
  app.post(
    '/servers/:sid/invites',
    {
      schema: {
        tags,
        operationId: 'createInvite',
        summary: 'Create an invite (CREATE_INVITE)',
        params: ServerParams,
        body: CreateInviteBody,
        response: { 201: Invite, ...errors(400, 401, 403, 404) },
      },
      // every field is optional, so no body at all means defaults
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) =>
      reply.status(201).send(await invites.create(actorOf(req), req.params.sid, req.body)),
  );
  app.get(
    '/invites/:code',
    {
      schema: {
        tags,
        operationId: 'previewInvite',
        summary: 'Preview the server an invite leads to',
        params: InviteParams,
        response: { 200: InvitePreview, ...errors(400, 401, 404) },
      },
    },
    async (req) => invites.preview(actorOf(req), req.params.code),
  );
  app.post(
    '/invites/:code/accept',
    {
      schema: {
        tags,
        operationId: 'acceptInvite',
        summary: 'Join the server an invite leads to',
        params: InviteParams,
        response: { 200: Server, ...errors(400, 401, 404) },
      },
    },
    async (req) => invites.accept(actorOf(req), req.params.code),
  );
}
