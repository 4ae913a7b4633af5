/** Chooses the sign-in screen: register, sign in, first-time TOTP setup, TOTP entry or a recovery code. */
import type { LoginResult, TokenPair } from '@twopointo/shared';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { LoginScreen } from './screens/LoginScreen.tsx';
import { RecoverScreen } from './screens/RecoverScreen.tsx';
import { RegisterScreen } from './screens/RegisterScreen.tsx';
import { TwoFactorSetupScreen } from './screens/TwoFactorSetupScreen.tsx';
import { TwoFactorVerifyScreen } from './screens/TwoFactorVerifyScreen.tsx';

type Step =
  | { step: 'login'; notice?: string }
  | { step: 'register' }
  | { step: 'setup'; partial: string }
  | { step: 'verify'; partial: string }
  | { step: 'recover'; partial: string };

export function AuthFlow({
  onSignedIn,
  initial = 'login',
}: {
  onSignedIn: (pair: TokenPair) => void;
  /** where to start: an invite link's visitor may come to register */
  initial?: 'login' | 'register';
}) {
  const [state, setState] = useState<Step>({ step: initial });
  const [email, setEmail] = useState('');

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
