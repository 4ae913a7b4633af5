/** Request schemas for the reaction routes. */
import { FormatRegistry, Type } from '@fastify/type-provider-typebox';
import { ERROR_MESSAGE, IdInput } from '../http/schema.ts';
import { MAX_EMOJI_BYTES, isEmoji } from './emoji.ts';

if (!FormatRegistry.Has('emoji')) FormatRegistry.Set('emoji', isEmoji);

/** The most users one page of "who reacted" lists. */
export const MAX_REACTION_USERS = 100;

export const Emoji = Type.String({
  format: 'emoji',
  minLength: 1,
  maxLength: MAX_EMOJI_BYTES,
  description: `a Unicode emoji (URL-encoded in the path), at most ${MAX_EMOJI_BYTES} UTF-8 bytes; no custom emoji yet`,
  [ERROR_MESSAGE]: `must be one Unicode emoji (at most ${MAX_EMOJI_BYTES} bytes)`,
});

export const ReactionParams = Type.Object({ cid: IdInput, mid: IdInput, emoji: Emoji });

export const ReactionUsersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_REACTION_USERS, default: 25 })),
  after: Type.Optional({ ...IdInput, description: 'list users with a larger id than this one' }),
});
