/** Register, sign in, first-time TOTP setup, TOTP entry and recovery-code sign-in. */
import type { TokenPair, TotpSetupResult } from '@twopointo/shared';
import QRCode from 'qrcode';
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/api-error.ts';
import { identity } from '../api/endpoints.ts';

type Step =
  | { step: 'login'; notice?: string }
  | { step: 'register' }
  | { step: 'setup'; partial: string }
  | { step: 'verify'; partial: string }
  | { step: 'recover'; partial: string };

export function AuthFlow({ onSignedIn }: { onSignedIn: (pair: TokenPair) => void }) {
  const [state, setState] = useState<Step>({ step: 'login' });
  const [email, setEmail] = useState('');

  const afterLogin = (partial: string, next: '2fa_setup' | '2fa_verify') =>
    setState(next === '2fa_setup' ? { step: 'setup', partial } : { step: 'verify', partial });
  // a 401 that is not about the code itself means the 5-minute partial token ran out
  const expired = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401 && !/code|totp|recovery/i.test(err.code)) {
      setState({ step: 'login', notice: 'That sign-in took too long. Please sign in again.' });
      return true;
    }
    return false;
  }, []);

  switch (state.step) {
    case 'login':
      return (
        <Login
          email={email}
          setEmail={setEmail}
          notice={state.notice}
          onNext={afterLogin}
          onRegister={() => setState({ step: 'register' })}
        />
      );
    case 'register':
      return (
        <Register
          onRegistered={(mail, partial, next) => {
            setEmail(mail);
            afterLogin(partial, next);
          }}
          onLogin={() => setState({ step: 'login' })}
        />
      );
    case 'setup':
      return <TotpSetup partial={state.partial} onSignedIn={onSignedIn} expired={expired} />;
    case 'verify':
      return (
        <TotpVerify
          partial={state.partial}
          onSignedIn={onSignedIn}
          expired={expired}
          onRecover={() => setState({ step: 'recover', partial: state.partial })}
        />
      );
    case 'recover':
      return (
        <RecoverWithCode
          partial={state.partial}
          onSignedIn={onSignedIn}
          expired={expired}
          onBack={() => setState({ step: 'verify', partial: state.partial })}
        />
      );
  }
}

export function AuthCard({
  title,
  subtitle,
  children,
  testid,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  testid: string;
}) {
  return (
    <div className="auth-page">
      <div className="auth-card" data-testid={testid}>
        <div className="auth-brand">twopointo</div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
      </div>
    </div>
  );
}

export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      {error}
    </div>
  );
}

function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (e: FormEvent, fn: () => Promise<void>, onError?: (err: unknown) => boolean) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    fn()
      .catch((err: unknown) => {
        if (!onError?.(err)) setError(errorMessage(err));
      })
      .finally(() => setBusy(false));
  };
  return { busy, error, run };
}

function Login(props: {
  email: string;
  setEmail: (v: string) => void;
  notice?: string;
  onNext: (partial: string, next: '2fa_setup' | '2fa_verify') => void;
  onRegister: () => void;
}) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) =>
    run(e, async () => {
      const r = await identity.login({ email: props.email.trim(), password });
      props.onNext(r.partial_token, r.next);
    });
  return (
    <AuthCard title="Welcome back" subtitle="Sign in to continue." testid="login-screen">
      {props.notice && <div className="notice">{props.notice}</div>}
      <form onSubmit={submit} className="form">
        <label>
          Email
          <input
            type="email"
            autoComplete="email"
            required
            value={props.email}
            onChange={(e) => props.setEmail(e.target.value)}
            data-testid="login-email"
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        <FormError error={error} />
        <button className="btn btn-block" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted small">
        New here?{' '}
        <button className="link" onClick={props.onRegister} data-testid="goto-register">
          Create an account
        </button>
      </p>
    </AuthCard>
  );
}

function Register(props: {
  onRegistered: (email: string, partial: string, next: '2fa_setup' | '2fa_verify') => void;
  onLogin: () => void;
}) {
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) =>
    run(e, async () => {
      const mail = email.trim();
      await identity.register({ email: mail, username: username.trim(), password });
      const r = await identity.login({ email: mail, password });
      props.onRegistered(mail, r.partial_token, r.next);
    });
  return (
    <AuthCard
      title="Create an account"
      subtitle="Two-factor sign-in is set up next."
      testid="register-screen"
    >
      <form onSubmit={submit} className="form">
        <label>
          Email
          <input
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="register-email"
            autoFocus
          />
        </label>
        <label>
          Username
          <input
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="register-username"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="register-password"
          />
        </label>
        <FormError error={error} />
        <button className="btn btn-block" disabled={busy} data-testid="register-submit">
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="muted small">
        Already have an account?{' '}
        <button className="link" onClick={props.onLogin} data-testid="goto-login">
          Sign in
        </button>
      </p>
    </AuthCard>
  );
}

function CodeInput({
  value,
  onChange,
  testid,
}: {
  value: string;
  onChange: (v: string) => void;
  testid: string;
}) {
  return (
    <input
      className="code-input"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      required
      placeholder="123456"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testid}
      autoFocus
    />
  );
}

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

function TotpSetup(props: {
  partial: string;
  onSignedIn: (p: TokenPair) => void;
  expired: (e: unknown) => boolean;
}) {
  const [setup, setSetup] = useState<TotpSetupResult | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState(false);
  const { busy, error, run } = useSubmit();
  const { partial, expired } = props;

  useEffect(() => {
    let live = true;
    setupOnce(partial)
      .then(async (s) => {
        if (!live) return;
        setSetup(s);
        setQr(await QRCode.toDataURL(s.otpauth_url, { margin: 1, width: 200 }));
      })
      .catch((err: unknown) => {
        if (live && !expired(err)) setLoadError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [partial, expired]);

  const submit = (e: FormEvent) =>
    run(
      e,
      async () => props.onSignedIn(await identity.verify2fa(partial, code.replace(/\s+/g, ''))),
      expired,
    );

  const copy = () => {
    if (!setup) return;
    void navigator.clipboard?.writeText(setup.totp_secret).then(
      () => setCopied(true),
      () => undefined,
    );
  };

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
            <button type="button" className="btn btn-secondary btn-small" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      ) : (
        !loadError && <p className="muted">Preparing…</p>
      )}
      <form onSubmit={submit} className="form">
        <label>
          Code from the app
          <CodeInput value={code} onChange={setCode} testid="totp-code" />
        </label>
        <FormError error={error} />
        <button className="btn btn-block" disabled={busy || !setup} data-testid="totp-submit">
          {busy ? 'Checking…' : 'Turn on and continue'}
        </button>
      </form>
    </AuthCard>
  );
}

function TotpVerify(props: {
  partial: string;
  onSignedIn: (p: TokenPair) => void;
  expired: (e: unknown) => boolean;
  onRecover: () => void;
}) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) =>
    run(
      e,
      async () => props.onSignedIn(await identity.verify2fa(props.partial, code.replace(/\s+/g, ''))),
      props.expired,
    );
  return (
    <AuthCard
      title="Two-factor sign-in"
      subtitle="Enter the 6-digit code from your authenticator app."
      testid="totp-screen"
    >
      <form onSubmit={submit} className="form">
        <CodeInput value={code} onChange={setCode} testid="totp-code" />
        <FormError error={error} />
        <button className="btn btn-block" disabled={busy} data-testid="totp-submit">
          {busy ? 'Checking…' : 'Continue'}
        </button>
      </form>
      <p className="muted small">
        Lost your device?{' '}
        <button className="link" onClick={props.onRecover} data-testid="use-recovery">
          Use a recovery code
        </button>
      </p>
    </AuthCard>
  );
}

function RecoverWithCode(props: {
  partial: string;
  onSignedIn: (p: TokenPair) => void;
  expired: (e: unknown) => boolean;
  onBack: () => void;
}) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) =>
    run(e, async () => props.onSignedIn(await identity.recover(props.partial, code.trim())), props.expired);
  return (
    <AuthCard title="Use a recovery code" subtitle="Each recovery code works once." testid="recover-screen">
      <form onSubmit={submit} className="form">
        <input
          required
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="xxxx-xxxx"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="recovery-code-input"
        />
        <FormError error={error} />
        <button className="btn btn-block" disabled={busy} data-testid="recovery-submit">
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p className="muted small">
        <button className="link" onClick={props.onBack}>
          Back to the authenticator code
        </button>
      </p>
    </AuthCard>
  );
}
