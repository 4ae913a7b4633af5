/** Request schemas for the server routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';

export const ServerNameBody = Type.Object({ name: Type.String({ maxLength: 200 }) });
export const ServerParams = Type.Object({ sid: IdInput });
