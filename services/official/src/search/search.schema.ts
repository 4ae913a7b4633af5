/** Request schema for message search. */
import { Type, type Static } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';

export const MAX_SEARCH_PAGE = 25;
export const MAX_SEARCH_OFFSET = 5000;
/** matches are counted up to this many; `total_capped` says there are more */
export const SEARCH_COUNT_CAP = 1000;

export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 1024, description: 'words to find (web search syntax: "phrase", -not, or)' }),
  ),
  author_id: Type.Optional(IdInput),
  channel_id: Type.Optional(IdInput),
  has: Type.Optional(Type.Union([Type.Literal('file'), Type.Literal('image'), Type.Literal('link')])),
  before: Type.Optional(IdInput),
  after: Type.Optional(IdInput),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_PAGE, default: MAX_SEARCH_PAGE })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SEARCH_OFFSET, default: 0 })),
});
export type SearchQuery = Static<typeof SearchQuery>;
