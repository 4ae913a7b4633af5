/** Test-only: token attacks every protected entry point must refuse with 401, and the code each gets. */
import type { ErrorCode } from '@twopointo/shared';
import type { TokenKit } from './tokens.ts';

export const ATTACKS: [string, (kit: TokenKit) => Promise<string | undefined>, ErrorCode][] = [
  ['no token', async () => undefined, 'missing_token'],
  ['garbage', async () => 'not-a-jwt', 'invalid_token'],
  ['expired', (k) => k.expired('42'), 'token_expired'],
  ['tampered payload', (k) => k.tampered('42'), 'invalid_token'],
  ['signed by another key', (k) => k.foreignKey('42'), 'invalid_token'],
  ['alg none', (k) => k.algNone('42'), 'invalid_token'],
  ['HS256 signed with the public key', (k) => k.hs256WithPublicKey('42'), 'invalid_token'],
  ['wrong audience', (k) => k.wrongAudience('42'), 'invalid_token'],
  ['partial (2FA) token', (k) => k.partial('42'), 'access_token_required'],
  ['wrong issuer', (k) => k.wrongIssuer('42'), 'invalid_token'],
  [
    'refresh-type token with the right audience',
    (k) => k.sign({ sub: '42', typ: 'refresh' }),
    'access_token_required',
  ],
  ['audience list', (k) => k.sign({ sub: '42', aud: ['twopointo', 'other'] }), 'invalid_token'],
];
