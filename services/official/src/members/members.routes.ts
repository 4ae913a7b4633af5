/** /servers/:sid/members */
import { Type } from '@fastify/type-provider-typebox';
import { Member } from '@twopointo/shared';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerParams } from '../servers/server.schema.ts';
import { MemberParams, UpdateMemberBody } from './member.schema.ts';
import type { MemberService } from './member.service.ts';

export function registerMemberRoutes(app: OfficialApp, members: MemberService): void {
  const tags = ['members'];
  app.get(
    '/servers/:sid/members',
    {
      schema: {
        tags,
        operationId: 'listMembers',
        summary: "List a server's members with their roles and presence",
        params: ServerParams,
        response: { 200: Type.Object({ members: Type.Array(Member) }), ...errors(400, 401, 404) },
      },
    },
    async (req) => ({ members: await members.list(actorOf(req), req.params.sid) }),
  );
  app.patch(
    '/servers/:sid/members/:uid',
    {
      schema: {
        tags,
        operationId: 'updateMember',
        summary: 'Set a nickname or a timeout',
        description:
          'nick: own with CHANGE_NICKNAME, another member’s with MANAGE_NICKNAMES; communication_disabled_until: MODERATE_MEMBERS (null clears). Others only when ranked below the caller',
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: Member, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => members.update(actorOf(req), req.params.sid, req.params.uid, req.body),
  );
  app.delete(
    '/servers/:sid/members/:uid',
    {
      schema: {
        tags,
        operationId: 'removeMember',
        summary: 'Leave a server, or kick a member',
        description: 'Leave the server (own id) or kick a member (KICK_MEMBERS)',
        params: MemberParams,
        response: { 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await members.remove(actorOf(req), req.params.sid, req.params.uid);
      return reply.status(204).send(null);
    },
  );
}
