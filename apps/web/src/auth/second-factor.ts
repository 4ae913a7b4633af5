/** What the screens after the password share: the partial token they finish and the TOTP code. */
import type { TokenPair } from '@twopointo/shared';
import { identity } from '../api/endpoints.ts';

export interface SecondFactorProps {
  /** the 5-minute token the password step handed out */
  partial: string;
  onSignedIn: (pair: TokenPair) => void;
  /** sends the user back to the password when the partial token ran out; true if it did */
  expired: (err: unknown) => boolean;
}

/** The authenticator code's input: digits, room for "123 456", filled in by the OS when it can. */
export const totpCodeInput = {
  className: 'code-input',
  inputMode: 'numeric',
  autoComplete: 'one-time-code',
  pattern: '[0-9 ]*',
  maxLength: 7,
  required: true,
  placeholder: '123456',
  autoFocus: true,
} as const;

/** Checks a typed authenticator code; apps show it as "123 456", the server wants the digits. */
export function verifyTotp(partial: string, code: string): Promise<TokenPair> {
  return identity.verify2fa(partial, code.replace(/\s+/g, ''));
}
