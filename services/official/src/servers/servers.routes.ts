/** /servers, /me/servers, /servers/:sid */
import { Type } from '@fastify/type-provider-typebox';
import { Server } from '@twopointo/shared';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerNameBody, ServerParams, UpdateServerBody } from './server.schema.ts';
import type { ServerService } from './server.service.ts';

export function registerServerRoutes(app: OfficialApp, servers: ServerService): void {
  const tags = ['servers'];
  app.post(
    '/servers',
    {
      schema: {
        tags,
        operationId: 'createServer',
        summary: 'Create a server with a #general channel (the caller owns it)',
        body: ServerNameBody,
        response: { 201: Server, ...errors(400, 401) },
      },
    },
    async (req, reply) => reply.status(201).send(await servers.create(actorOf(req), req.body.name)),
  );
  app.get(
    '/me/servers',
    {
      schema: {
        tags,
        operationId: 'listMyServers',
        summary: 'List the servers the caller is a member of',
        response: { 200: Type.Object({ servers: Type.Array(Server) }), ...errors(401) },
      },
    },
    async (req) => ({ servers: await servers.listMine(actorOf(req)) }),
  );
  app.get(
    '/servers/:sid',
    {
      schema: {
        tags,
        operationId: 'getServer',
        summary: 'Get a server the caller is a member of',
        params: ServerParams,
        response: { 200: Server, ...errors(400, 401, 404) },
      },
    },
    async (req) => servers.get(actorOf(req), req.params.sid),
  );
  app.patch(
    '/servers/:sid',
    {
      schema: {
        tags,
        operationId: 'updateServer',
        summary: 'Change a server’s name or icon (MANAGE_SERVER), or transfer it (owner)',
        params: ServerParams,
        body: UpdateServerBody,
        response: { 200: Server, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => servers.update(actorOf(req), req.params.sid, req.body),
  );
  app.delete(
    '/servers/:sid',
    {
      schema: {
        tags,
        operationId: 'deleteServer',
        summary: 'Delete a server (owner only)',
        params: ServerParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await servers.delete(actorOf(req), req.params.sid);
      return reply.status(204).send(null);
    },
  );
}
