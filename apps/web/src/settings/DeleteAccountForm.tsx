/** Delete the account: password, an authenticator code, and the username typed to confirm. */
import { useState } from 'react';
import { session } from '../api/auth-session.ts';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { account } from './account-api.ts';

export function DeleteAccountForm({ username }: { username: string }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [typed, setTyped] = useState('');
  const { busy, error, submit } = useSubmit();
  const confirmed = typed.trim() === username;
  const remove = submit(async () => {
    await account.deleteMe(password, code.trim());
    // the account is gone: nothing of it stays in this tab
    session.clear();
  });
  return (
    <form className="form settings-form danger-zone" onSubmit={remove} data-testid="delete-account-form">
      <h3>Delete account</h3>
      <p className="muted small">
        This deletes your account, the servers you own and your messages, for good. It cannot be undone.
      </p>
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
        testid="delete-password"
      />
      <Field
        label="Authenticator code (or a recovery code)"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={setCode}
        testid="delete-code"
      />
      <Field
        label={
          <>
            Type <strong>{username}</strong> to confirm
          </>
        }
        required
        value={typed}
        onChange={setTyped}
        testid="delete-confirm"
      />
      <FormError error={error} />
      <SubmitButton
        busy={busy}
        disabled={!confirmed}
        label="Delete my account"
        busyLabel="Deleting…"
        testid="delete-account"
      />
    </form>
  );
}
