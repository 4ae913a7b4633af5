/** Chooses the sign-in screen: register, sign in, first-time TOTP setup, TOTP entry or a recovery code. */
import type { LoginResult, TokenPair } from '@twopointo/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { ForgotPasswordScreen } from './screens/ForgotPasswordScreen.tsx';
import { LoginScreen } from './screens/LoginScreen.tsx';
import { ResetPasswordScreen } from './screens/ResetPasswordScreen.tsx';
import { RecoverScreen } from './screens/RecoverScreen.tsx';
import { RegisterScreen } from './screens/RegisterScreen.tsx';
import { TwoFactorSetupScreen } from './screens/TwoFactorSetupScreen.tsx';
import { TwoFactorVerifyScreen } from './screens/TwoFactorVerifyScreen.tsx';

type Step =
  | { step: 'login'; notice?: string }
  | { step: 'register' }
  | { step: 'setup'; partial: string }
  | { step: 'verify'; partial: string }
  | { step: 'recover'; partial: string }
  | { step: 'forgot' }
  | { step: 'reset'; token: string };

/** A password reset link opens the app at `#reset=<token>`. */
const resetToken = (): string | null => /^#reset=([A-Za-z0-9_-]+)$/.exec(window.location.hash)?.[1] ?? null;
/** The token leaves the address bar (and history) once the screen has it. */
const dropHash = () =>
  window.history.replaceState(null, '', window.location.pathname + window.location.search);

export function AuthFlow({
  onSignedIn,
  initial = 'login',
}: {
  onSignedIn: (pair: TokenPair) => void;
  /** where to start: an invite link's visitor may come to register */
  initial?: 'login' | 'register';
}) {
  const [state, setState] = useState<Step>(() => {
    const token = resetToken();
    if (!token) return { step: initial };
    dropHash();
    return { step: 'reset', token };
  });
  const [email, setEmail] = useState('');
  // a reset link opened in a tab already showing the app only changes the hash
  useEffect(() => {
    const onHash = () => {
      const token = resetToken();
      if (!token) return;
      dropHash();
      setState({ step: 'reset', token });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const afterLogin = (partial: string, next: LoginResult['next']) =>
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
        <LoginScreen
          email={email}
          setEmail={setEmail}
          notice={state.notice}
          onNext={afterLogin}
          onRegister={() => setState({ step: 'register' })}
          onForgot={() => setState({ step: 'forgot' })}
        />
      );
    case 'forgot':
      return (
        <ForgotPasswordScreen email={email} setEmail={setEmail} onBack={() => setState({ step: 'login' })} />
      );
    case 'reset':
      return (
        <ResetPasswordScreen
          token={state.token}
          onDone={() =>
            setState({ step: 'login', notice: 'Your password was changed. Sign in with the new one.' })
          }
          onCancel={() => setState({ step: 'login' })}
        />
      );
    case 'register':
      return (
        <RegisterScreen
          onRegistered={(mail, partial, next) => {
            setEmail(mail);
            afterLogin(partial, next);
          }}
          onLogin={() => setState({ step: 'login' })}
        />
      );
    case 'setup':
      return <TwoFactorSetupScreen partial={state.partial} onSignedIn={onSignedIn} expired={expired} />;
    case 'verify':
      return (
        <TwoFactorVerifyScreen
          partial={state.partial}
          onSignedIn={onSignedIn}
          expired={expired}
          onRecover={() => setState({ step: 'recover', partial: state.partial })}
          onBack={() => setState({ step: 'login' })}
        />
      );
    case 'recover':
      return (
        <RecoverScreen
          partial={state.partial}
          onSignedIn={onSignedIn}
          expired={expired}
          onBack={() => setState({ step: 'verify', partial: state.partial })}
        />
      );
  }
}
