/** Request schemas for the channel routes. */
import { Type } from '@fastify/type-provider-typebox';
import { ChannelType } from '@twopointo/shared';
import { ERROR_MESSAGE, IdInput } from '../http/schema.ts';

// 1-100 characters once normalised: the pattern counts each non-space, and each inner whitespace
// run as the one "-" it becomes
const Name = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^\\s*(?:\\S|\\s+(?=\\S)){1,100}\\s*$',
  description: 'trimmed, lower-cased, whitespace runs become "-"; then 1-100 characters',
  [ERROR_MESSAGE]: 'must be 1-100 characters',
});
const Topic = Type.String({ maxLength: 1024 });

const UserLimit = Type.Integer({ minimum: 0, maximum: 99, description: 'voice only; 0: no limit' });
const Bitrate = Type.Integer({ minimum: 8000, maximum: 96000, description: 'voice only; bit/s' });

export const CreateChannelBody = Type.Object({
  name: Name,
  type: Type.Optional(ChannelType),
  topic: Type.Optional(Type.Union([Topic, Type.Null()])),
  parent_id: Type.Optional(Type.Union([IdInput, Type.Null()])),
  user_limit: Type.Optional(UserLimit),
  bitrate: Type.Optional(Bitrate),
});
export const UpdateChannelBody = Type.Object(
  {
    name: Type.Optional(Name),
    topic: Type.Optional(Type.Union([Topic, Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    parent_id: Type.Optional(Type.Union([IdInput, Type.Null()])),
    user_limit: Type.Optional(UserLimit),
    bitrate: Type.Optional(Bitrate),
  },
  { minProperties: 1 },
);
export const ChannelParams = Type.Object({ cid: IdInput });
export const ReorderChannelsBody = Type.Array(
  Type.Object({
    id: IdInput,
    position: Type.Integer({ minimum: 0, maximum: 100_000 }),
    parent_id: Type.Optional(
      Type.Union([IdInput, Type.Null()], { description: 'a category; null: top level' }),
    ),
  }),
  { minItems: 1, maxItems: 500 },
);
