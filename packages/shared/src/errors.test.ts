import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, errorBody, forbidden, notFound, unauthorized } from './errors.ts';

describe('the error vocabulary', () => {
  it('docs/API.md lists every code', () => {
    const doc = readFileSync(new URL('../../../docs/API.md', import.meta.url), 'utf8');
    const missing = Object.keys(ERROR_CODES).filter((code) => !doc.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it('codes are snake_case and not-found is always unknown_<thing>', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(Object.keys(ERROR_CODES).filter((c) => c.includes('not_found'))).toEqual([]);
    expect(notFound('channel')).toMatchObject({ status: 404, code: 'unknown_channel' });
  });

  it('one body shape, from the factory and from an AppError', () => {
    expect(errorBody('rate_limited', 'slow down')).toEqual({
      error: { code: 'rate_limited', message: 'slow down' },
    });
    expect(new AppError(409, 'email_taken', 'taken').body()).toEqual({
      error: { code: 'email_taken', message: 'taken' },
    });
    expect(unauthorized('bad').code).toBe('invalid_token');
    expect(forbidden('Missing permission SEND_MESSAGES').code).toBe('missing_permission');
  });
});
