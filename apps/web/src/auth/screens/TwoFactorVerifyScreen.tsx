/** Every later sign-in: the current code from the authenticator app, or a way to a recovery code. */
import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { AuthCard, AuthLink } from '../AuthCard.tsx';
import { totpCodeInput, verifyTotp, type SecondFactorProps } from '../second-factor.ts';

export function TwoFactorVerifyScreen({
  partial,
  onSignedIn,
  expired,
  onRecover,
  onBack,
}: SecondFactorProps & { onRecover: () => void; onBack: () => void }) {
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit();
  const verify = submit(async () => onSignedIn(await verifyTotp(partial, code)), expired);
  return (
    <AuthCard
      title="Two-factor sign-in"
      subtitle="Enter the 6-digit code from your authenticator app."
      testid="totp-screen"
    >
      <form onSubmit={verify} className="form">
        <Field
          label="Code from the app"
          {...totpCodeInput}
          value={code}
          onChange={setCode}
          testid="totp-code"
        />
        <FormError error={error} />
        <SubmitButton busy={busy} label="Continue" busyLabel="Checking…" testid="totp-submit" />
      </form>
      <AuthLink prompt="Lost your device?" onClick={onRecover} testid="use-recovery">
        Use a recovery code
      </AuthLink>
      <AuthLink prompt="Not you?" onClick={onBack} testid="totp-back">
        Back to sign in
      </AuthLink>
    </AuthCard>
  );
}
