/** Request schemas for the invite routes. */
import { Type } from '@fastify/type-provider-typebox';

export const MAX_INVITE_TTL_S = 30 * 24 * 3600;

export const CreateInviteBody = Type.Object({
  max_uses: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()])),
  expires_in: Type.Optional(
    Type.Union([
      Type.Integer({ minimum: 60, maximum: MAX_INVITE_TTL_S, description: 'seconds' }),
      Type.Null(),
    ]),
  ),
});
// any string is looked up (unknown ones are 404), only its length is bounded
export const InviteParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });
