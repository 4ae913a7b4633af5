/** Request schemas for the channel routes. */
import { Type } from '@fastify/type-provider-typebox';
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

export const CreateChannelBody = Type.Object({
  name: Name,
  topic: Type.Optional(Type.Union([Topic, Type.Null()])),
});
export const UpdateChannelBody = Type.Object(
  {
    name: Type.Optional(Name),
    topic: Type.Optional(Type.Union([Topic, Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { minProperties: 1 },
);
export const ChannelParams = Type.Object({ cid: IdInput });
