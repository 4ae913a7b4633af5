/**
 * Validation messages a schema names itself: a TypeBox schema may carry `x-error-message`, the
 * sentence a failed check answers instead of the validator's own, so a rule moved from a service
 * into its schema keeps the service's message. Installed once per process on import.
 */
import { GetErrorFunction, SetErrorFunction } from '@sinclair/typebox/errors';
import { ERROR_MESSAGE } from '@twopointo/shared';

const validatorMessage = GetErrorFunction();
SetErrorFunction((e) => {
  const own: unknown = (e.schema as Record<string, unknown>)[ERROR_MESSAGE];
  return typeof own === 'string' ? own : validatorMessage(e);
});

export { ERROR_MESSAGE };
