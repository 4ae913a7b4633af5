/** Test-only: token attacks every protected entry point must refuse with 401. */
import type { TokenKit } from './tokens.ts';

export const ATTACKS: [string, (kit: TokenKit) => Promise<string | undefined>][] = [
  ['no token', async () => undefined],
  ['garbage', async () => 'not-a-jwt'],
  ['expired', (k) => k.expired('42')],
  ['tampered payload', (k) => k.tampered('42')],
  ['signed by another key', (k) => k.foreignKey('42')],
  ['alg none', (k) => k.algNone('42')],
  ['HS256 signed with the public key', (k) => k.hs256WithPublicKey('42')],
  ['wrong audience', (k) => k.wrongAudience('42')],
  ['partial (2FA) token', (k) => k.partial('42')],
  ['wrong issuer', (k) => k.wrongIssuer('42')],
  ['refresh-type token with the right audience', (k) => k.sign({ sub: '42', typ: 'refresh' })],
  ['audience list', (k) => k.sign({ sub: '42', aud: ['twopointo', 'other'] })],
];
