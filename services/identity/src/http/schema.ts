/** Response bits shared by Identity's route schemas (the wire types live in @twopointo/shared). */
import { Type } from '@fastify/type-provider-typebox';
import { errorResponses } from '@twopointo/server-kit';

export const NoContent = Type.Null({ description: 'No content' });
export const errors = errorResponses;
export const bearer = [{ bearer: [] }];
/** `security` of an operation anyone may call (the document's default is the bearer token). */
export const anonymous = [];
