/** Sign-in with one of the recovery codes instead of the authenticator app. */
import { useState } from 'react';
import { identity } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { AuthCard, AuthLink } from '../AuthCard.tsx';
import type { SecondFactorProps } from '../second-factor.ts';

export function RecoverScreen({
  partial,
  onSignedIn,
  expired,
  onBack,
}: SecondFactorProps & { onBack: () => void }) {
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit();
  const recover = submit(async () => onSignedIn(await identity.recover(partial, code.trim())), expired);
  return (
    <AuthCard title="Use a recovery code" subtitle="Each recovery code works once." testid="recover-screen">
      <form onSubmit={recover} className="form">
        <Field
          label="Recovery code"
          required
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="k7pqz-m2xwa"
          hint="Ten letters and digits, as printed (case and dashes do not matter)."
          value={code}
          onChange={setCode}
          testid="recovery-code-input"
        />
        <FormError error={error} />
        <SubmitButton busy={busy} label="Sign in" busyLabel="Checking…" testid="recovery-submit" />
      </form>
      <AuthLink onClick={onBack}>Back to the authenticator code</AuthLink>
    </AuthCard>
  );
}
