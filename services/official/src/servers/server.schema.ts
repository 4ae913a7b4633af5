/** Request schemas for the server routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput, TrimmedText } from '../http/schema.ts';

export const ServerNameBody = Type.Object({
  name: TrimmedText({ max: 100, rawMax: 200, description: 'trimmed; 1-100 characters' }),
});
export const ServerParams = Type.Object({ sid: IdInput });
