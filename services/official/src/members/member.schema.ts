/** Request schemas for the member routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';

export const MemberParams = Type.Object({ sid: IdInput, uid: IdInput });
