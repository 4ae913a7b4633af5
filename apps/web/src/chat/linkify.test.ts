import { describe, expect, it } from 'vitest';
import { linkify, parseInvite } from './linkify.ts';

describe('linkify', () => {
  it('leaves plain text alone', () => {
    expect(linkify('hello world')).toEqual([{ kind: 'text', text: 'hello world' }]);
  });

  it('finds http and https links between text', () => {
    expect(linkify('see https://example.com/a?b=1 and http://x.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  it('drops trailing punctuation and unbalanced closing parentheses', () => {
    const parts = linkify(
      '(look at https://example.com/page). Also https://en.wikipedia.org/wiki/Foo_(bar)!',
    );
    const links = parts.filter((p) => p.kind === 'link').map((p) => p.text);
    expect(links).toEqual(['https://example.com/page', 'https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(parts.map((p) => p.text).join('')).toBe(
      '(look at https://example.com/page). Also https://en.wikipedia.org/wiki/Foo_(bar)!',
    );
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd']) {
      expect(linkify(text).every((p) => p.kind === 'text')).toBe(true);
    }
  });
});

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
