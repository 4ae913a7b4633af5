/** Request schemas for the ban routes. */
import { Type } from '@fastify/type-provider-typebox';

/** Discord's longest clean-up window: 7 days. */
export const MAX_DELETE_MESSAGE_SECONDS = 604_800;

export const BanBody = Type.Object({
  reason: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 512, description: 'kept with the ban and in the audit log' }),
      Type.Null(),
    ]),
  ),
  delete_message_seconds: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_DELETE_MESSAGE_SECONDS,
      description: 'delete the user’s messages in the server from this many seconds back (0: none)',
    }),
  ),
});
