/** New recovery codes for a current TOTP code; shown this once, the old ones stop working. */
import { useState } from 'react';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { useCopy } from '../components/use-copy.ts';
import { useSubmit } from '../components/use-submit.ts';
import { account } from './account-api.ts';

export function NewRecoveryCodesForm() {
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const { busy, error, submit } = useSubmit();
  const { copied, copy } = useCopy();
  const renew = submit(async () => {
    setCodes(await account.newRecoveryCodes(code.trim()));
    setCode('');
  });
  return (
    <form className="form settings-form" onSubmit={renew} data-testid="recovery-codes-form">
      <h3>Recovery codes</h3>
      <p className="muted small">
        Each code signs you in once if you lose your authenticator. New codes replace the unused old ones.
      </p>
      {codes ? (
        <>
          <p className="small" role="status">
            Save these now: they are shown only once.
          </p>
          <ol className="recovery-codes" data-testid="new-recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <div className="row">
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => copy(codes.join('\n'))}
            >
              {copied ? 'Copied' : 'Copy all'}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setCodes(null)}>
              Done
            </button>
          </div>
        </>
      ) : (
        <>
          <Field
            label="Authenticator code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onChange={setCode}
            testid="recovery-totp"
          />
          <FormError error={error} />
          <SubmitButton
            busy={busy}
            label="Make new codes"
            busyLabel="Making…"
            testid="renew-recovery-codes"
          />
        </>
      )}
    </form>
  );
}
