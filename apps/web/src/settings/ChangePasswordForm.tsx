/** Change password: the current one, the new one twice; the other devices are signed out. */
import { useState } from 'react';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { account } from './account-api.ts';

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSubmit();
  const save = submit(async () => {
    setDone(false);
    if ([...next].length < 8) throw new Error('The new password needs at least 8 characters.');
    if (next !== repeat) throw new Error('The two new passwords differ.');
    await account.changePassword(current, next);
    setCurrent('');
    setNext('');
    setRepeat('');
    setDone(true);
    onChanged?.();
  });
  return (
    <form className="form settings-form" onSubmit={save} data-testid="change-password-form">
      <h3>Change password</h3>
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={setCurrent}
        testid="current-password"
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onChange={setNext}
        testid="new-password"
      />
      <Field
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={setRepeat}
        testid="repeat-password"
      />
      <FormError error={error} />
      {done && (
        <div className="notice" role="status" data-testid="password-changed">
          Password changed. Your other devices were signed out.
        </div>
      )}
      <SubmitButton busy={busy} label="Change password" busyLabel="Changing…" testid="change-password" />
    </form>
  );
}
