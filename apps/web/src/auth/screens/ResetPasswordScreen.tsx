/** The page a reset link opens (`#reset=<token>`): a new password and the authenticator (or a recovery) code. */
import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { account } from '../../settings/account-api.ts';
import { AuthCard, AuthLink } from '../AuthCard.tsx';

export function ResetPasswordScreen(props: { token: string; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit();
  const reset = submit(async () => {
    if ([...password].length < 8) throw new Error('The new password needs at least 8 characters.');
    if (password !== repeat) throw new Error('The two passwords differ.');
    await account.confirmReset(props.token, password, code.trim());
    props.onDone();
  });
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Every device signed in to this account will be signed out."
      testid="reset-screen"
    >
      <form onSubmit={reset} className="form">
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          testid="reset-password"
          autoFocus
        />
        <Field
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={setRepeat}
          testid="reset-repeat"
        />
        <Field
          label="Authenticator code (or a recovery code)"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={setCode}
          testid="reset-code"
        />
        <FormError error={error} />
        <SubmitButton busy={busy} label="Set new password" busyLabel="Saving…" testid="reset-submit" />
      </form>
      <AuthLink onClick={props.onCancel} testid="reset-cancel">
        Back to sign in
      </AuthLink>
    </AuthCard>
  );
}
