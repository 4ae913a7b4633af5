/** Input schema pieces shared by the route schemas (output types come from @twopointo/shared). */
import { FormatRegistry, Type } from '@fastify/type-provider-typebox';
import { ErrorSchema, isSnowflake } from '@twopointo/shared';

// a 19-digit string can still overflow int8; rejecting it here keeps it out of SQL (400, not 500)
if (!FormatRegistry.Has('snowflake')) FormatRegistry.Set('snowflake', isSnowflake);

/** A snowflake id in a path, query or body. */
export const IdInput = Type.String({ format: 'snowflake', description: 'snowflake id' });
/** A permission set as a decimal string; checked further by parsePermissionSet. */
export const PermissionSetInput = Type.String({
  maxLength: 32,
  description: 'permission bit set as a decimal string',
});

export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
export const NoContent = Type.Null({ description: 'No content' });
