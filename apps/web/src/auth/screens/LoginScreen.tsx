/** Email and password; the answer says which second-factor screen comes next. */
import type { LoginResult } from '@twopointo/shared';
import { useState } from 'react';
import { identity } from '../../api/endpoints.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { AuthCard, AuthLink } from '../AuthCard.tsx';

export function LoginScreen(props: {
  /** kept by the flow, so registering and coming back keeps what was typed */
  email: string;
  setEmail: (v: string) => void;
  notice?: string;
  onNext: (partial: string, next: LoginResult['next']) => void;
  onRegister: () => void;
  onForgot?: () => void;
}) {
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit();
  const login = submit(async () => {
    const r = await identity.login({ email: props.email.trim(), password });
    props.onNext(r.partial_token, r.next);
  });
  return (
    <AuthCard title="Welcome back" subtitle="Sign in to continue." testid="login-screen">
      {props.notice && <div className="notice">{props.notice}</div>}
      <form onSubmit={login} className="form">
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={props.email}
          onChange={props.setEmail}
          testid="login-email"
          autoFocus
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          testid="login-password"
        />
        <FormError error={error} />
        <SubmitButton busy={busy} label="Sign in" busyLabel="Signing in…" testid="login-submit" />
      </form>
      {props.onForgot && (
        <AuthLink onClick={props.onForgot} testid="goto-forgot">
          Forgot password?
        </AuthLink>
      )}
      <AuthLink prompt="New here?" onClick={props.onRegister} testid="goto-register">
        Create an account
      </AuthLink>
    </AuthCard>
  );
}
