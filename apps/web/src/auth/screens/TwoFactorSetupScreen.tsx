/** First sign-in: show the new TOTP secret (QR code and text) and turn it on with one code. */
import type { TotpSetupResult } from '@twopointo/shared';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { identity } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useCopy } from '../../components/use-copy.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { AuthCard } from '../AuthCard.tsx';
import { totpCodeInput, verifyTotp, type SecondFactorProps } from '../second-factor.ts';

// one setup call per partial token, even when React runs the effect twice
const setupCalls = new Map<string, Promise<TotpSetupResult>>();
function setupOnce(partial: string): Promise<TotpSetupResult> {
  let call = setupCalls.get(partial);
  if (!call) {
    call = identity.setup2fa(partial);
    setupCalls.set(partial, call);
    call.catch(() => setupCalls.delete(partial));
  }
  return call;
}

export function TwoFactorSetupScreen({ partial, onSignedIn, expired }: SecondFactorProps) {
  const [setup, setSetup] = useState<TotpSetupResult | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const { copied, copy } = useCopy();
  const { busy, error, submit } = useSubmit();

  useEffect(() => {
    let live = true;
    setupOnce(partial)
      .then(async (s) => {
        if (!live) return;
        setSetup(s);
        // the QR encoder loads only on this screen, not with sign-in
        const { default: QRCode } = await import('qrcode');
        setQr(await QRCode.toDataURL(s.otpauth_url, { margin: 1, width: 200 }));
      })
      .catch((err: unknown) => {
        if (live && !expired(err)) setLoadError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [partial, expired]);

  const turnOn = submit(async () => onSignedIn(await verifyTotp(partial, code)), expired);

  return (
    <AuthCard
      title="Set up two-factor sign-in"
      subtitle="Scan the QR code with an authenticator app (or type the secret), then enter the 6-digit code it shows."
      testid="twofa-setup-screen"
    >
      <FormError error={loadError} />
      {setup ? (
        <div className="totp-setup">
          {qr ? (
            <img className="qr" src={qr} alt="QR code for your authenticator app" data-testid="totp-qr" />
          ) : (
            <div className="qr" />
          )}
          <div className="secret-box">
            <span className="muted small">Secret</span>
            <code data-testid="totp-secret">{setup.totp_secret}</code>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => copy(setup.totp_secret)}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      ) : (
        !loadError && <p className="muted">Preparing…</p>
      )}
      <form onSubmit={turnOn} className="form">
        <Field
          label="Code from the app"
          {...totpCodeInput}
          value={code}
          onChange={setCode}
          testid="totp-code"
        />
        <FormError error={error} />
        <SubmitButton
          busy={busy}
          disabled={!setup}
          label="Turn on and continue"
          busyLabel="Checking…"
          testid="totp-submit"
        />
      </form>
    </AuthCard>
  );
}
