/** Request schemas for the server routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput, TrimmedText } from '../http/schema.ts';

export const ServerNameBody = Type.Object({
  name: TrimmedText({ max: 100, rawMax: 200, description: 'trimmed; 1-100 characters' }),
});
export const ServerParams = Type.Object({ sid: IdInput });

export const UpdateServerBody = Type.Object(
  {
    name: Type.Optional(TrimmedText({ max: 100, rawMax: 200, description: 'trimmed; 1-100 characters' })),
    icon_asset_id: Type.Optional(
      Type.Union([IdInput, Type.Null()], { description: 'a completed image of the caller; null removes it' }),
    ),
    owner_id: Type.Optional(Type.Union([IdInput], { description: 'transfer to this member (owner only)' })),
  },
  { minProperties: 1 },
);
