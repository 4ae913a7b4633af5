/** Request schemas for the channel routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';

const Name = Type.String({
  maxLength: 200,
  description: 'trimmed, lower-cased, whitespace runs become "-"; 1-100 characters',
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
