import { TypeCompiler } from '@sinclair/typebox/compiler';
import '@twopointo/server-kit';
import { RegisterBody, VerifyBody } from '@twopointo/shared';
import { describe, expect, it } from 'vitest';

const firstError = (check: ReturnType<typeof TypeCompiler.Compile>, value: unknown) =>
  check.Check(value) ? undefined : check.Errors(value).First()?.message;

describe('Identity input schemas carry the service rules, with their messages', () => {
  const register = TypeCompiler.Compile(RegisterBody);
  const good = { email: 'a@example.com', username: 'alice', password: 'correct horse' };

  it('accepts what the service accepts, surrounding whitespace included (it trims)', () => {
    expect(register.Check(good)).toBe(true);
    expect(register.Check({ ...good, email: ' a@b.co\n', username: ' Al.ice_9 ' })).toBe(true);
  });

  it.each([
    ['email', 'a@b', 'must be a valid email address'],
    ['email', 'a b@c.de', 'must be a valid email address'],
    ['username', 'a', 'must be 2-32 characters of a-z, 0-9, _ and .'],
    ['username', 'al ice', 'must be 2-32 characters of a-z, 0-9, _ and .'],
    ['username', 'a'.repeat(33), 'must be 2-32 characters of a-z, 0-9, _ and .'],
    ['password', 'short7!', 'must be at least 8 characters (at most 1024)'],
  ])('%s %j: %s', (field, value, message) => {
    expect(firstError(register, { ...good, [field]: value })).toBe(message);
  });

  it('a TOTP code is 6 digits, spaces and dashes between them ignored', () => {
    const verify = TypeCompiler.Compile(VerifyBody);
    for (const code of ['123456', '123 456', '12-34-56']) expect(verify.Check({ code })).toBe(true);
    for (const code of ['12345', '1234567', 'abcdef', ''])
      expect(firstError(verify, { code })).toBe('must be 6 digits');
  });
});
