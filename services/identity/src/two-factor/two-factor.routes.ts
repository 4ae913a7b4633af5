/** /auth/2fa/*: TOTP setup, and the second step of login (a TOTP code or a recovery code). */
import { RecoverBody, TokenPair, TotpSetupResult, VerifyBody } from '@twopointo/shared';
import { authenticate } from '../http/bearer.ts';
import { bearer, errors } from '../http/schema.ts';
import type { IdentityApp } from '../http/types.ts';
import type { TokenService } from '../keys/token.service.ts';
import type { TwoFactorService } from './two-factor.service.ts';

export function registerTwoFactorRoutes(
  app: IdentityApp,
  twoFactor: TwoFactorService,
  tokens: TokenService,
): void {
  const tags = ['auth'];

  app.post(
    '/auth/2fa/setup',
    {
      schema: {
        tags,
        operationId: 'setupTotp',
        summary: 'Start TOTP setup: a secret and its otpauth URL (partial token)',
        security: bearer,
        description: 'partial token',
        response: { 200: TotpSetupResult, ...errors(401, 409) },
      },
    },
    async (req) => twoFactor.setup(await authenticate(tokens, req, 'partial')),
  );

  app.post(
    '/auth/2fa/verify',
    {
      schema: {
        tags,
        operationId: 'verifyTotp',
        summary: 'Sign in with a TOTP code (partial token); the first one enables 2FA',
        security: bearer,
        description: 'partial token',
        body: VerifyBody,
        response: { 200: TokenPair, ...errors(400, 401, 409, 429) },
      },
    },
    async (req) => {
      const subject = await authenticate(tokens, req, 'partial');
      return twoFactor.verify(subject, req.body.code, req.ip, req.headers['user-agent']);
    },
  );

  app.post(
    '/auth/2fa/recover',
    {
      schema: {
        tags,
        operationId: 'recoverWithCode',
        summary: 'Sign in with an unused recovery code (partial token)',
        security: bearer,
        description: 'partial token',
        body: RecoverBody,
        response: { 200: TokenPair, ...errors(400, 401, 409, 429) },
      },
    },
    async (req) => {
      const subject = await authenticate(tokens, req, 'partial');
      return twoFactor.recover(subject, req.body.recovery_code, req.ip, req.headers['user-agent']);
    },
  );
}
