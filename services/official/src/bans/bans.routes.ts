/** /servers/:sid/bans, /servers/:sid/bans/:uid */
import { Type } from '@fastify/type-provider-typebox';
import { Ban } from '@twopointo/shared';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { MemberParams } from '../members/member.schema.ts';
import { ServerParams } from '../servers/server.schema.ts';
import { BanBody } from './ban.schema.ts';
import type { BanService } from './ban.service.ts';

export function registerBanRoutes(app: OfficialApp, bans: BanService): void {
  const tags = ['bans'];
  app.get(
    '/servers/:sid/bans',
    {
      schema: {
        tags,
        operationId: 'listBans',
        summary: "List a server's bans, newest first (BAN_MEMBERS)",
        params: ServerParams,
        response: { 200: Type.Object({ bans: Type.Array(Ban) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ bans: await bans.list(actorOf(req), req.params.sid) }),
  );
  app.put(
    '/servers/:sid/bans/:uid',
    {
      schema: {
        tags,
        operationId: 'banUser',
        summary: 'Ban a user, removing them and optionally their recent messages (BAN_MEMBERS)',
        params: MemberParams,
        body: BanBody,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
      // every field is optional, so no body at all means defaults
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) => {
      await bans.ban(actorOf(req), req.params.sid, req.params.uid, req.body);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/servers/:sid/bans/:uid',
    {
      schema: {
        tags,
        operationId: 'unbanUser',
        summary: 'Lift a ban (BAN_MEMBERS)',
        params: MemberParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await bans.unban(actorOf(req), req.params.sid, req.params.uid);
      return reply.status(204).send(null);
    },
  );
}
