/** Input schema pieces shared by the route schemas (output types come from @twopointo/shared). */
import { FormatRegistry, Type } from '@fastify/type-provider-typebox';
import { ERROR_MESSAGE, errorResponses } from '@twopointo/server-kit';
import { isSnowflake } from '@twopointo/shared';

// a 19-digit string can still overflow int8; rejecting it here keeps it out of SQL (400, not 500)
if (!FormatRegistry.Has('snowflake')) FormatRegistry.Set('snowflake', isSnowflake);

/** A snowflake id in a path, query or body. */
export const IdInput = Type.String({
  pattern: '^[0-9]{1,19}$',
  format: 'snowflake',
  description: 'snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer',
  [ERROR_MESSAGE]: 'must be a snowflake id (a decimal string of at most 19 digits)',
});
/** A permission set as a decimal string; that it fits 63 bits of defined permissions is checked by parsePermissionSet. */
export const PermissionSetInput = Type.String({
  pattern: '^[0-9]{1,19}$',
  description: 'permission bit set as a decimal string (defined bits only, at most 2^63 - 1)',
  [ERROR_MESSAGE]: 'must be a decimal string',
});

/**
 * A string that is at most `max` characters once surrounding whitespace is trimmed (what the
 * service stores), and not blank unless `blank` is allowed; any amount of whitespace may surround
 * it. The pattern pins the trimmed part between its first and last non-space; `rawMax` bounds the
 * whole string before the pattern runs.
 */
export function TrimmedText(opts: { max: number; rawMax: number; blank?: boolean; description: string }) {
  const core = `\\S(?:[\\s\\S]{0,${opts.max - 2}}\\S)?`;
  return Type.String({
    ...(opts.blank ? {} : { minLength: 1 }),
    maxLength: opts.rawMax,
    pattern: opts.blank ? `^\\s*(?:${core})?\\s*$` : `^\\s*${core}\\s*$`,
    description: opts.description,
    [ERROR_MESSAGE]: opts.blank
      ? `must be at most ${opts.max} characters`
      : `must be 1-${opts.max} characters`,
  });
}

export { ERROR_MESSAGE };
export const errors = errorResponses;
export const NoContent = Type.Null({ description: 'No content' });
