/** Request schemas for the member routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';

export const MemberParams = Type.Object({ sid: IdInput, uid: IdInput });

export const UpdateMemberBody = Type.Object(
  {
    nick: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 64, description: 'trimmed; at most 32 characters; "" or null clears' }),
        Type.Null(),
      ]),
    ),
    communication_disabled_until: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 40, description: 'ISO-8601 time in the future, at most 28 days ahead' }),
        Type.Null(),
      ]),
    ),
  },
  { minProperties: 1 },
);
