/** Request schemas for the invite routes. */
import { Type } from '@fastify/type-provider-typebox';

export const MAX_INVITE_TTL_S = 30 * 24 * 3600;

const Lifetime = Type.Integer({ minimum: 60, maximum: MAX_INVITE_TTL_S, description: 'seconds' });

export const CreateInviteBody = Type.Object({
  max_uses: Type.Optional(
    Type.Union([
      Type.Integer({ minimum: 0, maximum: 1000, description: '0 or null: unlimited' }),
      Type.Null(),
    ]),
  ),
  expires_in: Type.Optional(Type.Union([Lifetime, Type.Null()])),
  max_age: Type.Optional(
    Type.Union([Type.Literal(0), Lifetime], {
      description: 'Discord’s name for expires_in: seconds the invite lasts; 0: never expires',
    }),
  ),
});
// any string is looked up (unknown ones are 404), only its length is bounded
export const InviteParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });
