/** Forgot password: ask for a reset link by email; the answer never says whether the account exists. */
import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { account } from '../../settings/account-api.ts';
import { AuthCard, AuthLink } from '../AuthCard.tsx';

export function ForgotPasswordScreen(props: {
  email: string;
  setEmail: (v: string) => void;
  onBack: () => void;
}) {
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useSubmit();
  const send = submit(async () => {
    await account.requestReset(props.email.trim());
    setSent(true);
  });
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="We will send a link to choose a new one. You will need your authenticator code too."
      testid="forgot-screen"
    >
      {sent ? (
        <div className="notice" role="status" data-testid="reset-sent">
          If an account uses {props.email.trim()}, a reset link is on its way. It works once, for 30 minutes.
        </div>
      ) : (
        <form onSubmit={send} className="form">
          <Field
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={props.email}
            onChange={props.setEmail}
            testid="forgot-email"
            autoFocus
          />
          <FormError error={error} />
          <SubmitButton busy={busy} label="Send reset link" busyLabel="Sending…" testid="forgot-submit" />
        </form>
      )}
      <AuthLink onClick={props.onBack} testid="back-to-login">
        Back to sign in
      </AuthLink>
    </AuthCard>
  );
}
