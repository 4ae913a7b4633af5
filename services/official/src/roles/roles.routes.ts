/** /servers/:sid/roles, /roles/:rid, /servers/:sid/members/:uid/roles/:rid, /channels/:cid/overwrites/:target_id */
import { Type } from '@fastify/type-provider-typebox';
import { ChannelOverwrite, Role } from '@twopointo/shared';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ChannelParams } from '../channels/channel.schema.ts';
import { ServerParams } from '../servers/server.schema.ts';
import type { OverwriteService } from './overwrite.service.ts';
import {
  CreateRoleBody,
  MemberRoleParams,
  OverwriteBody,
  OverwriteParams,
  ReorderRolesBody,
  RoleParams,
  UpdateRoleBody,
} from './role.schema.ts';
import type { RoleService } from './role.service.ts';

export function registerRoleRoutes(app: OfficialApp, roles: RoleService, overwrites: OverwriteService): void {
  const tags = ['roles'];
  const denied = errors(400, 401, 403, 404);
  app.get(
    '/servers/:sid/roles',
    {
      schema: {
        tags,
        operationId: 'listRoles',
        summary: "List a server's roles (any member)",
        params: ServerParams,
        response: { 200: Type.Object({ roles: Type.Array(Role) }), ...denied },
      },
    },
    async (req) => ({ roles: await roles.list(actorOf(req), req.params.sid) }),
  );
  app.post(
    '/servers/:sid/roles',
    {
      schema: {
        tags,
        operationId: 'createRole',
        summary: 'Create a role (MANAGE_ROLES)',
        params: ServerParams,
        body: CreateRoleBody,
        response: { 201: Role, ...denied },
      },
    },
    async (req, reply) => reply.status(201).send(await roles.create(actorOf(req), req.params.sid, req.body)),
  );
  app.patch(
    '/servers/:sid/roles',
    {
      schema: {
        tags,
        operationId: 'reorderRoles',
        summary: 'Move roles in the hierarchy (MANAGE_ROLES)',
        description:
          'Each listed role goes to its position (ahead of an unlisted role asking the same); only roles below the caller’s highest role may move, and only below it',
        params: ServerParams,
        body: ReorderRolesBody,
        response: { 200: Type.Object({ roles: Type.Array(Role) }), ...denied },
      },
    },
    async (req) => ({ roles: await roles.reorder(actorOf(req), req.params.sid, req.body) }),
  );
  app.patch(
    '/roles/:rid',
    {
      schema: {
        tags,
        operationId: 'updateRole',
        summary: 'Change a role’s name, permissions, colour or flags (MANAGE_ROLES)',
        params: RoleParams,
        body: UpdateRoleBody,
        response: { 200: Role, ...denied },
      },
    },
    async (req) => roles.update(actorOf(req), req.params.rid, req.body),
  );
  app.delete(
    '/roles/:rid',
    {
      schema: {
        tags,
        operationId: 'deleteRole',
        summary: 'Delete a role (MANAGE_ROLES)',
        params: RoleParams,
        response: { 204: NoContent, ...denied },
      },
    },
    async (req, reply) => {
      await roles.delete(actorOf(req), req.params.rid);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/servers/:sid/members/:uid/roles/:rid',
    {
      schema: {
        tags,
        operationId: 'assignRole',
        summary: 'Give a member a role (MANAGE_ROLES)',
        params: MemberRoleParams,
        response: { 204: NoContent, ...denied },
      },
    },
    async (req, reply) => {
      await roles.setAssignment(actorOf(req), req.params.sid, req.params.uid, req.params.rid, true);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/servers/:sid/members/:uid/roles/:rid',
    {
      schema: {
        tags,
        operationId: 'unassignRole',
        summary: 'Take a role from a member (MANAGE_ROLES)',
        params: MemberRoleParams,
        response: { 204: NoContent, ...denied },
      },
    },
    async (req, reply) => {
      await roles.setAssignment(actorOf(req), req.params.sid, req.params.uid, req.params.rid, false);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/channels/:cid/overwrites',
    {
      schema: {
        tags,
        operationId: 'listOverwrites',
        summary: "List a channel's permission overwrites (MANAGE_ROLES)",
        params: ChannelParams,
        response: { 200: Type.Object({ overwrites: Type.Array(ChannelOverwrite) }), ...denied },
      },
    },
    async (req) => ({ overwrites: await overwrites.list(actorOf(req), req.params.cid) }),
  );
  app.put(
    '/channels/:cid/overwrites/:target_id',
    {
      schema: {
        tags,
        operationId: 'putOverwrite',
        summary: 'Set a channel permission overwrite for a role or member (MANAGE_ROLES)',
        params: OverwriteParams,
        body: OverwriteBody,
        response: { 200: ChannelOverwrite, ...denied },
      },
    },
    async (req) => overwrites.put(actorOf(req), req.params.cid, req.params.target_id, req.body),
  );
  app.delete(
    '/channels/:cid/overwrites/:target_id',
    {
      schema: {
        tags,
        operationId: 'deleteOverwrite',
        summary: 'Remove a channel permission overwrite (MANAGE_ROLES)',
        params: OverwriteParams,
        response: { 204: NoContent, ...denied },
      },
    },
    async (req, reply) => {
      await overwrites.delete(actorOf(req), req.params.cid, req.params.target_id);
      return reply.status(204).send(null);
    },
  );
}
