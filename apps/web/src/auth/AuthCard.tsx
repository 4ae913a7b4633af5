/** The centred card every sign-in screen sits in, and the one-line link under its form. */
import type { ReactNode } from 'react';

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

/** "New here? Create an account": a question, then a link-styled button to the other screen. */
export function AuthLink({
  prompt,
  onClick,
  testid,
  children,
}: {
  prompt?: string;
  onClick: () => void;
  testid?: string;
  children: ReactNode;
}) {
  return (
    <p className="muted small">
      {prompt && <>{prompt} </>}
      <button className="link" onClick={onClick} data-testid={testid}>
        {children}
      </button>
    </p>
  );
}
