/** The error line of a form or dialog; renders nothing while there is no error. */
import { errorMessage } from '../api/api-error.ts';

/** `error` is a message already in words, or whatever a request or mutation threw. */
export function FormError({ error }: { error: unknown }) {
  if (error === null || error === undefined || error === '') return null;
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      {typeof error === 'string' ? error : errorMessage(error)}
    </div>
  );
}
