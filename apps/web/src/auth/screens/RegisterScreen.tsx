/** A new account, then straight on to signing in with it (two-factor setup follows). */
import type { LoginResult } from '@twopointo/shared';
import { useState } from 'react';
import { identity } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { AuthCard, AuthLink } from '../AuthCard.tsx';

export function RegisterScreen(props: {
  onRegistered: (email: string, partial: string, next: LoginResult['next']) => void;
  onLogin: () => void;
}) {
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit();
  const register = submit(async () => {
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
      <form onSubmit={register} className="form">
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
          testid="register-email"
          autoFocus
        />
        <Field
          label="Username"
          autoComplete="username"
          required
          value={username}
          onChange={setUsername}
          hint="2–32 characters: letters, digits, _ and ."
          testid="register-username"
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          minLength={8}
          hint="At least 8 characters."
          testid="register-password"
        />
        <FormError error={error} />
        <SubmitButton busy={busy} label="Create account" busyLabel="Creating…" testid="register-submit" />
      </form>
      <AuthLink prompt="Already have an account?" onClick={props.onLogin} testid="goto-login">
        Sign in
      </AuthLink>
    </AuthCard>
  );
}
