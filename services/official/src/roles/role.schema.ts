/** Request schemas for the role and overwrite routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput, PermissionSetInput, TrimmedText } from '../http/schema.ts';

const Name = TrimmedText({ max: 100, rawMax: 200, description: 'trimmed; 1-100 characters' });

export const CreateRoleBody = Type.Object({ name: Name, permissions: Type.Optional(PermissionSetInput) });
export const UpdateRoleBody = Type.Object(
  { name: Type.Optional(Name), permissions: Type.Optional(PermissionSetInput) },
  { minProperties: 1 },
);
export const RoleParams = Type.Object({ rid: IdInput });
export const MemberRoleParams = Type.Object({ sid: IdInput, uid: IdInput, rid: IdInput });
export const OverwriteParams = Type.Object({ cid: IdInput, target_id: IdInput });
export const OverwriteBody = Type.Object({
  type: Type.Union([Type.Literal('role'), Type.Literal('member')]),
  allow: Type.Optional(PermissionSetInput),
  deny: Type.Optional(PermissionSetInput),
});
