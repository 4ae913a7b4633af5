/** Identity's /metrics: logins, two-factor failures and refresh-token reuse, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { signUp, startTestIdentity, type TestIdentity } from '../test/identity-harness.ts';

/** The value of one series (name with its labels) in Prometheus text; 0 when absent. */
const value = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
};

describe.each(TEST_BACKENDS)('identity metrics on %s', (backend) => {
  let id: TestIdentity;
  const scrape = async () => {
    const res = await fetch(`${id.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  });
  afterAll(async () => {
    await id?.close();
  });

  it('counts logins, completed sign-ins, refused codes and refresh reuse', async () => {
    const before = await scrape();
    const user = await signUp(id, 'metrics');
    const wrong = await id.call('POST', '/auth/login', {
      body: { email: user.email, password: 'not the password' },
      ip: user.ip,
    });
    expect(wrong.status).toBe(401);
    const login = await id.call('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
      ip: user.ip,
    });
    const badCode = await id.call('POST', '/auth/2fa/verify', {
      token: login.body.partial_token,
      body: { code: '000000' },
      ip: user.ip,
    });
    expect(badCode.body.error.code).toBe('invalid_code');
    const rotated = await id.call('POST', '/auth/refresh', { body: { refresh_token: user.refresh } });
    expect(rotated.status).toBe(200);
    const reused = await id.call('POST', '/auth/refresh', { body: { refresh_token: user.refresh } });
    expect(reused.body.error.code).toBe('refresh_token_reused');

    const after = await scrape();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('identity_logins_total{result="ok"}')).toBe(2);
    expect(delta('identity_logins_total{result="wrong"}')).toBe(1);
    expect(delta('identity_sessions_started_total{via="totp"}')).toBe(1);
    expect(delta('identity_twofa_failures_total{code="invalid_code"}')).toBe(1);
    expect(delta('identity_refresh_reuse_detected_total')).toBe(1);
    expect(after).toContain('# TYPE identity_http_request_duration_seconds histogram');
    expect(after).toContain('identity_nodejs_eventloop_lag_seconds');
  });
});
