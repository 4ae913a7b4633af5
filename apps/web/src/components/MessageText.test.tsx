import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Message } from '@twopointo/shared';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MentionContext, type MentionContextValue } from './mention-context.tsx';
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
