/**
 * Identity's `/metrics`: the shared registry (process, event-loop lag, HTTP latency) plus what an
 * operator watches on a sign-in service — logins, two-factor failures and refresh-token reuse
 * (a stolen token being replayed). Counted from the answers, so no service carries metrics code.
 */
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { AppError, type ErrorCode } from '@twopointo/shared';
import { installMetrics } from '@twopointo/server-kit';

const TWO_FACTOR_FAILURES: ReadonlySet<ErrorCode> = new Set([
  'invalid_code',
  'code_already_used',
  'invalid_recovery_code',
]);

/**
 * Registers `/metrics` and the counters on Identity's app, counting its answers; returns the
 * same counting for another scope that serves Identity's routes under a prefix (the all-in-one
 * Edge's `/id`), so sign-ins served there are counted too.
 */
export function registerIdentityMetrics(
  app: FastifyInstance,
): (scope: FastifyInstance, prefix: string) => void {
  const registry = installMetrics(app, { prefix: 'identity_' });
  const logins = new Counter({
    name: 'identity_logins_total',
    help: 'Password step of sign-in, by result (ok: a partial token was issued; wrong: bad email or password)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const sessions = new Counter({
    name: 'identity_sessions_started_total',
    help: 'Sign-ins completed with a TOTP or recovery code (an access and refresh token issued)',
    labelNames: ['via'] as const,
    registers: [registry],
  });
  const twoFactorFailures = new Counter({
    name: 'identity_twofa_failures_total',
    help: 'Refused TOTP or recovery codes, by error code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const refreshReuse = new Counter({
    name: 'identity_refresh_reuse_detected_total',
    help: 'A rotated refresh token used again: its whole session was revoked',
    registers: [registry],
  });
  for (const result of ['ok', 'wrong']) logins.inc({ result }, 0);
  for (const code of TWO_FACTOR_FAILURES) twoFactorFailures.inc({ code }, 0);

  const countAnswers = (scope: FastifyInstance, prefix: string) => {
    scope.addHook('onError', async (_req, _reply, err) => {
      if (!(err instanceof AppError)) return;
      if (err.code === 'invalid_credentials') logins.inc({ result: 'wrong' });
      else if (TWO_FACTOR_FAILURES.has(err.code)) twoFactorFailures.inc({ code: err.code });
      else if (err.code === 'refresh_token_reused') refreshReuse.inc();
    });
    scope.addHook('onResponse', async (req, reply) => {
      if (reply.statusCode !== 200) return;
      const url = req.routeOptions.url ?? '';
      const route = url.startsWith(prefix) ? url.slice(prefix.length) : url;
      if (route === '/auth/login') logins.inc({ result: 'ok' });
      else if (route === '/auth/2fa/verify') sessions.inc({ via: 'totp' });
      else if (route === '/auth/2fa/recover') sessions.inc({ via: 'recovery_code' });
    });
  };
  countAnswers(app, '');
  return countAnswers;
}
