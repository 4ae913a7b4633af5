import { describe, expect, it } from 'vitest';
import { applySuggestion, mentionQuery, parseContent, suggest, toDisplay, toWire } from './mentions.ts';

const known = {
  users: [
    { id: '11', username: 'alice' },
    { id: '12', username: 'al' },
    { id: '13', username: 'bob' },
  ],
  roles: [
    { id: '21', name: 'mods' },
    { id: '22', name: 'Night Shift' },
  ],
};

describe('parseContent', () => {
  it('finds user, role and everyone tokens in text (links are left to the markdown renderer)', () => {
    expect(parseContent('hi <@11> and <@!13>, <@&21> @everyone see https://x.y/a')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'user', id: '11', raw: '<@11>' },
      { kind: 'text', text: ' and ' },
      { kind: 'user', id: '13', raw: '<@!13>' },
      { kind: 'text', text: ', ' },
      { kind: 'role', id: '21', raw: '<@&21>' },
      { kind: 'text', text: ' ' },
      { kind: 'everyone', raw: '@everyone' },
      { kind: 'text', text: ' see https://x.y/a' },
    ]);
  });

  it('leaves @everyone inside an address or a word as text', () => {
    expect(parseContent('mail a@everyone.org')).toEqual([{ kind: 'text', text: 'mail a@everyone.org' }]);
    expect(parseContent('@everyones')).toEqual([{ kind: 'text', text: '@everyones' }]);
    expect(parseContent('@here!')[0]).toEqual({ kind: 'everyone', raw: '@here' });
  });
});

describe('composer text and tokens', () => {
  it('turns whole @names into tokens, longest name first, users before roles', () => {
    expect(toWire('@alice and @al, @bob!', known)).toBe('<@11> and <@12>, <@13>!');
    expect(toWire('hey @Night Shift and @mods', known)).toBe('hey <@&22> and <@&21>');
    expect(toWire('@alicex a@bob.com @everyone @nobody', known)).toBe('@alicex a@bob.com @everyone @nobody');
    expect(toWire('keeps <@13> as it is', known)).toBe('keeps <@13> as it is');
  });

  it('shows tokens as @names for editing, and back again unchanged', () => {
    const content = 'ping <@11> <@&22> <@99>';
    const shown = toDisplay(content, known);
    expect(shown).toBe('ping @alice @Night Shift <@99>');
    expect(toWire(shown, known)).toBe(content);
  });
});

describe('@ autocomplete', () => {
  it('finds the @word being typed before the caret', () => {
    expect(mentionQuery('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
    expect(mentionQuery('hi @al there', 12)).toBeNull();
  });

  it('offers members, then roles, then @everyone/@here, prefix matches first', () => {
    const labels = (q: string, everyone = true) =>
      suggest(q, known, { everyone }).map((s) => `${s.kind}:${s.label}`);
    expect(labels('al')).toEqual(['user:al', 'user:alice']);
    expect(labels('o')).toEqual(['user:bob', 'role:mods']);
    expect(labels('e')).toEqual(['user:alice', 'everyone:everyone']);
    expect(labels('e', false)).toEqual(['user:alice']);
    expect(labels('h')).toEqual(['role:Night Shift', 'everyone:here']);
  });

  it('replaces the typed @word with the chosen @name and a space', () => {
    const s = { kind: 'user' as const, id: '11', label: 'alice' };
    expect(applySuggestion('hi @al', 3, 6, s)).toEqual({ text: 'hi @alice ', caret: 10 });
    expect(applySuggestion('hi @al there', 3, 6, s)).toEqual({ text: 'hi @alice there', caret: 10 });
  });
});
