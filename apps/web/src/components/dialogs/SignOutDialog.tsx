/** Asks before signing out: a stray click should not cost a TOTP code and a password. */
import { useMutation } from '@tanstack/react-query';
import { session } from '../../api/auth-session.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

export function SignOutDialog({ onClose }: { onClose: () => void }) {
  const signOut = useMutation({ mutationFn: () => session.logout() });
  return (
    <ConfirmDialog
      title="Sign out?"
      testid="logout-dialog"
      action={signOut}
      confirmLabel="Sign out"
      confirmTestid="logout-confirm"
      onClose={onClose}
    >
      Signing back in takes your password and a code from your authenticator app.
    </ConfirmDialog>
  );
}
