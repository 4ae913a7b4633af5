/** Response bits shared by Identity's route schemas (the wire types live in @twopointo/shared). */
import { Type } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '@twopointo/shared';

export const NoContent = Type.Null({ description: 'No content' });
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<number, typeof ErrorSchema>;
export const bearer = [{ bearer: [] }];
