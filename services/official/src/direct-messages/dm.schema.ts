/** Request schemas for the DM routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput, TrimmedText } from '../http/schema.ts';

/** A group DM holds at most this many people, its creator included (as Discord). */
export const MAX_DM_PEOPLE = 10;

export const DmName = TrimmedText({
  max: 100,
  rawMax: 200,
  description: "a group DM's name, 1-100 characters",
});

export const CreateDmBody = Type.Object({
  // more than a group may hold still parses: the service answers too_many_recipients
  recipient_ids: Type.Array(IdInput, {
    minItems: 1,
    maxItems: 50,
    description: 'one id: the 1:1 DM with that user; 2-9: a new group DM',
  }),
  name: Type.Optional(DmName),
});
export const RecipientParams = Type.Object({ cid: IdInput, uid: IdInput });
