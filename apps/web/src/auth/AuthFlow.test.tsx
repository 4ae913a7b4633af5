import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { TokenPair } from '@twopointo/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthFlow } from './AuthFlow.tsx';

/** path → the answer the fake Edge gives it */
let answers: Record<string, { status: number; body: unknown }>;
let sent: { path: string; body: unknown }[];

const error = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
});

beforeEach(() => {
  sent = [];
  answers = {
    '/id/auth/login': { status: 200, body: { partial_token: 'partial', next: '2fa_verify' } },
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname;
      sent.push({ path, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const answer = answers[path] ?? error(404, 'unknown_route', 'no such route');
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function signInWithPassword() {
  fireEvent.change(screen.getByTestId('login-email'), { target: { value: 'a@example.com' } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'hunter22' } });
  fireEvent.click(screen.getByTestId('login-submit'));
  await screen.findByTestId('totp-screen');
}

describe('AuthFlow', () => {
  it('labels the sign-in fields and moves between sign-in and registration', () => {
    render(<AuthFlow onSignedIn={() => undefined} />);
    expect(screen.getByLabelText('Email')).toBe(screen.getByTestId('login-email'));
    expect(screen.getByLabelText('Password')).toBe(screen.getByTestId('login-password'));
    fireEvent.click(screen.getByTestId('goto-register'));
    expect(screen.getByLabelText('Username')).toBe(screen.getByTestId('register-username'));
    // the rules show before they are broken, tied to their inputs
    const password = screen.getByTestId('register-password');
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe(
      'At least 8 characters.',
    );
    fireEvent.click(screen.getByTestId('goto-login'));
    screen.getByTestId('login-screen');
  });

  it('signs in with password and TOTP code, sending the code without its space', async () => {
    const pair: TokenPair = { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 };
    answers['/id/auth/2fa/verify'] = { status: 200, body: pair };
    const onSignedIn = vi.fn();
    render(<AuthFlow onSignedIn={onSignedIn} />);
    await signInWithPassword();
    expect(sent[0]).toEqual({
      path: '/id/auth/login',
      body: { email: 'a@example.com', password: 'hunter22' },
    });
    fireEvent.change(screen.getByTestId('totp-code'), { target: { value: '123 456' } });
    fireEvent.click(screen.getByTestId('totp-submit'));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(pair));
    expect(sent[1]).toEqual({ path: '/id/auth/2fa/verify', body: { code: '123456' } });
  });

  it('shows a wrong code on the form, and a recovery code can be used instead', async () => {
    answers['/id/auth/2fa/verify'] = error(401, 'invalid_code', 'That code is not right.');
    render(<AuthFlow onSignedIn={() => undefined} />);
    await signInWithPassword();
    fireEvent.change(screen.getByTestId('totp-code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByTestId('totp-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('That code is not right.');
    fireEvent.click(screen.getByTestId('use-recovery'));
    screen.getByTestId('recover-screen');
    screen.getByTestId('recovery-code-input');
  });

  it('goes back to the password with a notice when the partial token ran out', async () => {
    answers['/id/auth/2fa/verify'] = error(401, 'token_expired', 'expired');
    render(<AuthFlow onSignedIn={() => undefined} />);
    await signInWithPassword();
    fireEvent.change(screen.getByTestId('totp-code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByTestId('totp-submit'));
    await screen.findByTestId('login-screen');
    screen.getByText('That sign-in took too long. Please sign in again.');
    expect((screen.getByTestId('login-email') as HTMLInputElement).value).toBe('a@example.com');
  });
});
