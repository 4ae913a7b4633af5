/** Request schemas for the role and overwrite routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput, PermissionSetInput, TrimmedText } from '../http/schema.ts';

const Name = TrimmedText({ max: 100, rawMax: 200, description: 'trimmed; 1-100 characters' });

const Color = Type.Integer({ minimum: 0, maximum: 0xffffff, description: '0xRRGGBB; 0: no colour' });
const Flags = {
  color: Type.Optional(Color),
  hoist: Type.Optional(Type.Boolean({ description: 'list its members apart' })),
  mentionable: Type.Optional(Type.Boolean({ description: 'anyone may @mention it' })),
};
export const CreateRoleBody = Type.Object({
  name: Name,
  permissions: Type.Optional(PermissionSetInput),
  ...Flags,
});
export const UpdateRoleBody = Type.Object(
  { name: Type.Optional(Name), permissions: Type.Optional(PermissionSetInput), ...Flags },
  { minProperties: 1 },
);
export const ReorderRolesBody = Type.Array(
  Type.Object({ id: IdInput, position: Type.Integer({ minimum: 1, maximum: 10_000 }) }),
  { minItems: 1, maxItems: 250, description: 'new positions (@everyone stays at 0)' },
);
export const RoleParams = Type.Object({ rid: IdInput });
export const MemberRoleParams = Type.Object({ sid: IdInput, uid: IdInput, rid: IdInput });
export const OverwriteParams = Type.Object({ cid: IdInput, target_id: IdInput });
export const OverwriteBody = Type.Object({
  type: Type.Union([Type.Literal('role'), Type.Literal('member')]),
  allow: Type.Optional(PermissionSetInput),
  deny: Type.Optional(PermissionSetInput),
});
