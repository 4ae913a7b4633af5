import { describe, expect, it } from 'vitest';
import { parseInvite } from './linkify.ts';

describe('parseInvite', () => {
  it('accepts a bare code or an invite link', () => {
    expect(parseInvite('  hTKzmak ')).toBe('hTKzmak');
    expect(parseInvite('http://localhost:60420/invite/hTKzmak')).toBe('hTKzmak');
    expect(parseInvite('https://chat.example/invite/ab_C-1/?x=1')).toBe('ab_C-1');
  });

  it('rejects anything else', () => {
    expect(parseInvite('')).toBeNull();
    expect(parseInvite('not a code')).toBeNull();
    expect(parseInvite('https://example.com/other/xyz')).toBeNull();
  });
});
