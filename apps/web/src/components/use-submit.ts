/** One async action at a time, with the busy flag and the error message a form shows for it. */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error.ts';

/** Returns true when it dealt with the error itself, so the form shows nothing. */
type OnError = (err: unknown) => boolean;

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<void>, onError?: OnError) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    fn()
      .catch((err: unknown) => {
        if (!onError?.(err)) setError(errorMessage(err));
      })
      .finally(() => setBusy(false));
  };
  /** a form's onSubmit handler that runs `fn` instead of reloading the page */
  const submit = (fn: () => Promise<void>, onError?: OnError) => (e: FormEvent) => {
    e.preventDefault();
    run(fn, onError);
  };
  return { busy, error, setError, run, submit };
}
