/**
 * Top level: restore the session, then either the sign-in flow or the chat. The chat is loaded
 * only once signed in, so the sign-in screens fetch none of it. A signed-out visitor keeps the
 * address they came to (a channel, a message) and is there once signed in.
 */
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorMessage } from './api/api-error.ts';
import { session } from './api/auth-session.ts';
import type { TokenPair } from '@twopointo/shared';
import { AuthFlow } from './auth/AuthFlow.tsx';
import { RecoveryCodes } from './auth/RecoveryCodes.tsx';
import { showNotice } from './components/Toasts.tsx';
import { InviteLanding } from './community/InviteLanding.tsx';
import { parsePlace } from './routing/places.ts';
import { draftStore } from './chat/drafts.ts';
import { historyWindow } from './chat/history-window.ts';
import { notificationSettings } from './chat/notification-settings.ts';
import { pendingStore } from './chat/pending-store.ts';
import { typingStore } from './chat/typing-store.ts';

type Boot = 'restoring' | 'ready' | { error: string };

const ChatApp = lazy(() => import('./components/ChatApp.tsx'));

export function App() {
  const qc = useQueryClient();
  const signedIn = useSyncExternalStore(session.subscribe, () => session.signedIn);
  const [boot, setBoot] = useState<Boot>(() => (session.refreshToken ? 'restoring' : 'ready'));
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  // a signed-out visitor at /invite/CODE first sees the server they are invited to
  const [inviteStep, setInviteStep] = useState<'landing' | 'login' | 'register'>('landing');
  const location = useLocation();
  const navigate = useNavigate();
  const wasSignedIn = useRef(signedIn);

  useEffect(() => {
    if (boot !== 'restoring') return;
    session
      .restore()
      .then(() => setBoot('ready'))
      .catch((err: unknown) => setBoot({ error: errorMessage(err) }));
  }, [boot]);

  useEffect(() => {
    if (!signedIn) {
      // nothing of the previous user may linger in memory
      qc.clear();
      pendingStore.clear();
      typingStore.clear();
      draftStore.clear();
      historyWindow.clear();
      notificationSettings.reset();
      // signed out from inside the app: the next person starts at the start, not in our channel
      if (wasSignedIn.current) void navigate('/', { replace: true });
    }
    wasSignedIn.current = signedIn;
  }, [signedIn, qc, navigate]);

  if (boot === 'restoring') {
    return (
      <div className="splash" data-testid="splash">
        Signing you in…
      </div>
    );
  }
  if (typeof boot === 'object') {
    return (
      <div className="splash" role="alert">
        <p>{boot.error}</p>
        <button className="btn" onClick={() => setBoot('restoring')}>
          Try again
        </button>
        <button
          className="btn btn-secondary"
          onClick={() => {
            session.clear();
            setBoot('ready');
          }}
        >
          Sign in again
        </button>
      </div>
    );
  }

  if (signedIn && recoveryCodes) {
    return <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />;
  }
  if (signedIn) {
    return (
      <Suspense
        fallback={
          <div className="splash" data-testid="splash">
            Loading…
          </div>
        }
      >
        <ChatApp />
      </Suspense>
    );
  }

  const onSignedIn = (pair: TokenPair) => {
    if (pair.recovery_codes && pair.recovery_codes.length > 0) setRecoveryCodes(pair.recovery_codes);
    if (pair.recovery_codes_left !== undefined) showNotice(recoveryCodesLeft(pair.recovery_codes_left));
    session.setTokens(pair);
  };
  const here = parsePlace(location.pathname);
  const invite = here.kind === 'invite' ? here.code : null;
  if (invite && inviteStep === 'landing') return <InviteLanding code={invite} onContinue={setInviteStep} />;
  return (
    <AuthFlow
      key={inviteStep}
      onSignedIn={onSignedIn}
      initial={inviteStep === 'register' ? 'register' : 'login'}
    />
  );
}

/** After a sign-in with a recovery code: how many remain, and what to do when few do. */
export function recoveryCodesLeft(n: number): string {
  const left =
    n === 0 ? 'no recovery codes left' : n === 1 ? '1 recovery code left' : `${n} recovery codes left`;
  const advice = n <= 3 ? ' Make new ones in your account settings before you need one again.' : '';
  return `Signed in with a recovery code. You have ${left}.${advice}`;
}
