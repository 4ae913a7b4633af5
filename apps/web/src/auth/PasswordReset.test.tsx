import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeEdge, type Sent } from '../settings/test-edge.ts';
import { AuthFlow } from './AuthFlow.tsx';

let answers: Record<string, { status: number; body?: unknown }>;
let sent: Sent[];

beforeEach(() => {
  answers = { 'POST /id/password-reset': { status: 202 } };
  sent = fakeEdge(answers);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const type = (testid: string, value: string) =>
  fireEvent.change(screen.getByTestId(testid), { target: { value } });

describe('forgot password', () => {
  it('asks for a link from the sign-in screen and says the same whatever the email', async () => {
    render(<AuthFlow onSignedIn={() => undefined} />);
    fireEvent.click(screen.getByTestId('goto-forgot'));
    type('forgot-email', ' someone@example.com ');
    fireEvent.click(screen.getByTestId('forgot-submit'));
    expect((await screen.findByTestId('reset-sent')).textContent).toContain(
      'If an account uses someone@example.com',
    );
    expect(sent).toEqual([
      { method: 'POST', path: '/id/password-reset', body: { email: 'someone@example.com' } },
    ]);
    fireEvent.click(screen.getByTestId('back-to-login'));
    screen.getByTestId('login-screen');
  });

  it('a #reset= link opens the reset screen, drops the token from the address, and sets the password', async () => {
    window.history.replaceState(null, '', '/#reset=tok_en-1');
    answers['POST /id/password-reset/confirm'] = { status: 204 };
    render(<AuthFlow onSignedIn={() => undefined} />);
    screen.getByTestId('reset-screen');
    expect(window.location.hash).toBe('');
    type('reset-password', 'new-password-1');
    type('reset-repeat', 'new-password-1');
    type('reset-code', ' 123456 ');
    fireEvent.click(screen.getByTestId('reset-submit'));
    await screen.findByText('Your password was changed. Sign in with the new one.');
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      path: '/id/password-reset/confirm',
      body: { token: 'tok_en-1', new_password: 'new-password-1', code: '123456' },
    });
  });

  it('shows a used or expired link’s error', async () => {
    window.history.replaceState(null, '', '/#reset=used');
    answers['POST /id/password-reset/confirm'] = apiError(
      400,
      'reset_token_expired',
      'This reset link has expired',
    );
    render(<AuthFlow onSignedIn={() => undefined} />);
    type('reset-password', 'new-password-1');
    type('reset-repeat', 'new-password-1');
    type('reset-code', '123456');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('This reset link has expired');
  });
});
