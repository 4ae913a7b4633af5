/** Health, readiness and the OpenAPI document, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { startTestIdentity, type TestIdentity } from '../test/identity-harness.ts';

describe.each(TEST_BACKENDS)('system routes on %s', (backend) => {
  let id: TestIdentity;

  beforeAll(async () => {
    id = await startTestIdentity(backend);
  });
  afterAll(async () => {
    await id?.close();
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect((await id.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await id.call('GET', '/readyz')).body).toEqual({ status: 'ok' });
    const doc = await id.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/register',
        '/auth/login',
        '/auth/2fa/verify',
        '/me',
        '/.well-known/jwks.json',
      ]),
    );
  });
});
