/** /servers/:sid/invites, /invites/:code */
import { Invite, InvitePreview, Server } from '@twopointo/shared';
import { Type } from '@fastify/type-provider-typebox';
import { NoContent, errors } from '../http/schema.ts';
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
        summary: 'Preview the server an invite leads to (no sign-in needed)',
        description: 'Public: the Edge forwards it without a token; name, icon and member count only',
        params: InviteParams,
        response: { 200: InvitePreview, ...errors(400, 404) },
      },
      config: { anonymous: true },
    },
    async (req) => invites.preview(req.params.code),
  );
  app.get(
    '/servers/:sid/invites',
    {
      schema: {
        tags,
        operationId: 'listInvites',
        summary: "List a server's usable invites with their inviters (MANAGE_SERVER)",
        params: ServerParams,
        response: { 200: Type.Object({ invites: Type.Array(Invite) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ invites: await invites.list(actorOf(req), req.params.sid) }),
  );
  app.delete(
    '/invites/:code',
    {
      schema: {
        tags,
        operationId: 'deleteInvite',
        summary: 'Revoke an invite (MANAGE_SERVER, or its inviter)',
        params: InviteParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await invites.delete(actorOf(req), req.params.code);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/invites/:code/accept',
    {
      schema: {
        tags,
        operationId: 'acceptInvite',
        summary: 'Join the server an invite leads to',
        params: InviteParams,
        response: { 200: Server, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => invites.accept(actorOf(req), req.params.code),
  );
}
