/** The recovery codes, shown exactly once; the user must say they saved them. */
import { useState } from 'react';
import { identity } from '../api/endpoints.ts';
import { FormError } from '../components/FormError.tsx';
import { useCopy } from '../components/use-copy.ts';
import { useSubmit } from '../components/use-submit.ts';
import { AuthCard } from './AuthCard.tsx';

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();
  const { copied, copy } = useCopy();
  const text = codes.join('\n');

  const confirm = () =>
    run(async () => {
      await identity.confirmRecovery();
      onDone();
    });
  const download = () => {
    const url = URL.createObjectURL(new Blob([text + '\n'], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'twopointo-recovery-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <AuthCard
      title="Save your recovery codes"
      subtitle="If you lose your authenticator, each of these codes signs you in once. They are shown only now."
      testid="recovery-codes-screen"
    >
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="row">
        <button className="btn btn-secondary btn-small" onClick={() => copy(text)}>
          {copied ? 'Copied' : 'Copy all'}
        </button>
        <button className="btn btn-secondary btn-small" onClick={download}>
          Download .txt
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={saved}
          onChange={(e) => setSaved(e.target.checked)}
          data-testid="recovery-saved"
        />
        I saved them somewhere safe
      </label>
      <FormError error={error} />
      <button
        className="btn btn-block"
        disabled={!saved || busy}
        onClick={confirm}
        data-testid="recovery-confirm"
      >
        {busy ? 'Saving…' : 'Continue'}
      </button>
    </AuthCard>
  );
}
