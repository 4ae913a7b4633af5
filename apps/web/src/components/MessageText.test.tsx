import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Message } from '@twopointo/shared';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MentionContext, type MentionContextValue } from './mention-context.tsx';
import { parseMarkdown } from './markdown/markdown.ts';
import { MessageItem } from './MessageItem.tsx';
import { MessageText } from './MessageText.tsx';

afterEach(cleanup);

const ctx: MentionContextValue = {
  users: [
    { id: '1', username: 'me' },
    { id: '2', username: 'alice' },
  ],
  roles: [{ id: '21', name: 'mods' }],
  myId: '1',
  myRoleIds: ['21'],
  everyone: true,
};
const wrap = (ui: ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MentionContext.Provider value={ctx}>{ui}</MentionContext.Provider>
    </QueryClientProvider>,
  );
const resolved = (extra: Partial<Message> = {}) => ({
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  reactions: [],
  pinned: false,
  type: 'default' as const,
  reference_id: null,
  ...extra,
});
const pills = () => screen.queryAllByTestId('mention').map((e) => [e.textContent, e.className]);

describe('mention pills', () => {
  it('renders resolved tokens as @name pills, mine highlighted', () => {
    wrap(
      <MessageText
        content="hey <@2> and <@1>, <@&21> @everyone"
        resolved={resolved({ mentions: ['2', '1'], mention_roles: ['21'], mention_everyone: true })}
      />,
    );
    expect(pills()).toEqual([
      ['@alice', 'mention'],
      ['@me', 'mention me'],
      ['@mods', 'mention me'],
      ['@everyone', 'mention me'],
    ]);
  });

  it('leaves @everyone the server refused, and tokens of nobody known, as plain text', () => {
    const { container } = wrap(<MessageText content="@everyone <@999> <b>x</b>" resolved={resolved()} />);
    expect(pills()).toEqual([]);
    expect(container.textContent).toBe('@everyone <@999> <b>x</b>');
    expect(container.querySelector('b')).toBeNull();
  });

  it('marks a message that mentions me, and not one that mentions someone else', () => {
    const base: Message = {
      id: '42',
      channel_id: 'c',
      server_id: 's',
      author: { id: '2', username: 'alice' },
      content: 'hi <@1>',
      attachments: [],
      reply_to_id: null,
      created_at: '2026-11-25T10:00:00.000Z',
      edited_at: null,
      ...resolved({ mentions: ['1'] }),
    };
    const props = {
      continued: false,
      myId: '1',
      canManageMessages: false,
      editing: false,
      lookup: () => undefined,
      onReply: () => undefined,
      onEdit: () => undefined,
      onImageLoad: () => undefined,
    };
    wrap(
      <>
        <MessageItem message={base} {...props} />
        <MessageItem
          message={{ ...base, id: '43', content: 'hi <@2>', mentions: ['2'] }}
          {...props}
          highlighted
        />
      </>,
    );
    const [first, second] = screen.getAllByTestId('message');
    expect(first!.className).toContain('mentioned');
    expect(second!.className).not.toContain('mentioned');
    expect(second!.dataset.highlighted).toBe('true');
  });
});

describe('markdown never lets markup or script through', () => {
  const hrefs = (c: HTMLElement) => [...c.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  const noActiveContent = (c: HTMLElement) => {
    for (const tag of ['script', 'iframe', 'img', 'object', 'embed', 'style', 'svg', 'b', 'form'])
      expect(c.querySelector(tag), tag).toBeNull();
    for (const el of c.querySelectorAll('*'))
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), attr).toBe(false);
    for (const href of hrefs(c)) expect(href).toMatch(/^https?:\/\//);
  };

  it.each([
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click]( javascript:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox(1))',
    '[click](&#106;avascript:alert(1))',
    '<javascript:alert(1)>',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '[x](https://ok.example "title"><img src=x onerror=alert(1)>)',
  ])('no link but http(s): %s', (content) => {
    const { container } = wrap(<MessageText content={content} resolved={resolved()} />);
    noActiveContent(container);
  });

  it('raw HTML is text, also inside code, code blocks, quotes, spoilers and links', () => {
    const html = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    const content = [
      html,
      `\`${html}\``,
      '```html',
      html,
      '```',
      `> ${html}`,
      `||${html}||`,
      `[${html}](https://example.com)`,
      `**${html}**`,
    ].join('\n');
    const { container } = wrap(<MessageText content={content} resolved={resolved()} />);
    noActiveContent(container);
    expect(container.textContent!.split('<script>').length - 1).toBe(7);
  });

  it('spoilers inside spoilers, quotes and links, and unterminated constructs, stay text and safe', () => {
    const content = [
      '||a ||b|| ||c||| d||',
      '|| **bold ||still|| ~~',
      '[unclosed](https://x.y',
      '```js',
      'never closed <b>x</b>',
      '`tick',
      '> ||q [l](javascript:x)||',
      '__under **bold_ ~~s',
    ].join('\n');
    const { container } = wrap(<MessageText content={content} resolved={resolved()} />);
    noActiveContent(container);
    expect(container.querySelector('pre')?.textContent).toContain('never closed <b>x</b>');
  });

  it('markdown around mentions keeps the pills; markdown inside mention tokens does not make one', () => {
    const { container } = wrap(
      <MessageText
        content={'**<@1>** ||<@&21>|| `<@2>` <@**1**> <@1_2_>'}
        resolved={resolved({ mentions: ['1'], mention_roles: ['21'] })}
      />,
    );
    expect(pills()).toEqual([
      ['@me', 'mention me'],
      ['@mods', 'mention me'],
    ]);
    expect(container.querySelector('strong [data-testid="mention"]')).not.toBeNull();
    expect(container.querySelector('code')?.textContent).toBe('<@2>');
    expect(container.textContent).toContain('<@1>');
  });

  it('huge inputs render in bounded time', () => {
    const inputs = [
      '*'.repeat(4000),
      '||'.repeat(2000),
      '|| a '.repeat(800),
      '['.repeat(4000),
      '> '.repeat(2000),
      '**a '.repeat(1000),
      '_'.repeat(4000),
      '`'.repeat(4000),
      '- '.repeat(2000),
      '[a](https://x.y/'.repeat(250),
      'https://x.y/'.repeat(333),
      '<@1>'.repeat(1000),
      '~~'.repeat(2000),
    ];
    for (const content of inputs) {
      // parsing is the part that could blow up (backtracking): linear, a few ms for 4,000 characters
      const start = performance.now();
      parseMarkdown(content);
      expect(performance.now() - start, content.slice(0, 20)).toBeLessThan(400);
      // rendering hundreds of elements in jsdom on a busy machine: only a generous bound
      const renderStart = performance.now();
      const { container } = wrap(<MessageText content={content} resolved={resolved()} />);
      expect(performance.now() - renderStart, content.slice(0, 20)).toBeLessThan(8000);
      noActiveContent(container);
      cleanup();
    }
  });
});
