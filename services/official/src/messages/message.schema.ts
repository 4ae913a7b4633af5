/** Request schemas for the message and typing routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput, TrimmedText } from '../http/schema.ts';

// the raw limit is generous: surrounding whitespace is trimmed before the 4000-character rule;
// blank content is refused by the service unless the message has attachments
const Content = TrimmedText({
  max: 4000,
  rawMax: 8000,
  blank: true,
  description: '1-4000 characters after trimming; may be blank when the message has attachments',
});

export const CreateMessageBody = Type.Object({
  content: Type.Optional(Content),
  attachment_ids: Type.Optional(Type.Array(IdInput, { maxItems: 10, uniqueItems: true })),
  reply_to_id: Type.Optional(Type.Union([IdInput, Type.Null()])),
});
export const EditMessageBody = Type.Object({ content: Content });
export const MessageParams = Type.Object({ mid: IdInput });
/** the largest history page a client may ask for; the cached newest page holds this many */
export const MAX_PAGE = 100;

export const HistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 })),
  before: Type.Optional(IdInput),
  after: Type.Optional(IdInput),
  around: Type.Optional(IdInput),
});
