import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Message } from '@twopointo/shared';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { conversations } from '../../api/conversations.ts';
import { keys } from '../../api/query-keys.ts';
import type { HistoryData } from '../../chat/message-cache.ts';
import { rereadReactors } from '../../chat/reactors-query.ts';
import { ReactionBar } from './ReactionBar.tsx';
import { useToggleReaction } from './use-toggle-reaction.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const message = (reactions: Message['reactions']): Message => ({
  id: '42',
  channel_id: 'c1',
  server_id: 's1',
  author: { id: 'u1', username: 'alice' },
  content: 'hi',
  attachments: [],
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  reactions,
  pinned: false,
  type: 'default',
  reference_id: null,
  reply_to_id: null,
  created_at: '2026-11-25T10:00:00.000Z',
  edited_at: null,
});

const wrap = (qc: QueryClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  };

describe('ReactionBar', () => {
  it('shows each emoji with its count, mine highlighted; a click adds or removes mine', () => {
    const onToggle = vi.fn();
    render(
      <ReactionBar
        message={message([
          { emoji: '👍', count: 2, me: true },
          { emoji: '🎉', count: 1, me: false },
        ])}
        canAddNew
        onToggle={onToggle}
      />,
      { wrapper: wrap(new QueryClient()) },
    );
    const chips = screen.getAllByTestId('reaction-chip');
    expect(chips.map((c) => [c.dataset.emoji, c.textContent, c.getAttribute('aria-pressed')])).toEqual([
      ['👍', '👍2', 'true'],
      ['🎉', '🎉1', 'false'],
    ]);
    expect(chips[0]!.className).toContain('me');
    fireEvent.click(chips[0]!);
    fireEvent.click(chips[1]!);
    expect(onToggle.mock.calls).toEqual([
      ['👍', false],
      ['🎉', true],
    ]);
    expect(screen.getByTestId('reaction-add')).toBeTruthy();
  });

  it('reads who reacted on the first hover only, and names them', async () => {
    const reactors = vi.spyOn(conversations, 'reactors').mockResolvedValue([
      { id: 'u1', username: 'alice' },
      { id: 'u2', username: 'bob' },
    ]);
    render(
      <ReactionBar message={message([{ emoji: '👍', count: 2, me: true }])} canAddNew onToggle={vi.fn()} />,
      {
        wrapper: wrap(new QueryClient()),
      },
    );
    expect(reactors).not.toHaveBeenCalled();
    const chip = screen.getByTestId('reaction-chip');
    fireEvent.mouseEnter(chip.parentElement!);
    expect((await screen.findByText('alice and bob reacted with 👍')).getAttribute('role')).toBe('tooltip');
    expect(chip.getAttribute('aria-describedby')).toBe(screen.getByTestId('reaction-tooltip').id);
    fireEvent.mouseLeave(chip.parentElement!);
    expect(screen.queryByTestId('reaction-tooltip')).toBeNull();
    fireEvent.mouseEnter(chip.parentElement!);
    await screen.findByText('alice and bob reacted with 👍');
    expect(reactors).toHaveBeenCalledOnce();
    expect(reactors).toHaveBeenCalledWith('c1', '42', '👍');
  });

  it('a change while the first read is in flight is read again: the older answer does not stay', async () => {
    let answerFirst!: (users: { id: string; username: string }[]) => void;
    const reactors = vi
      .spyOn(conversations, 'reactors')
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValue([
        { id: 'u1', username: 'alice' },
        { id: 'u2', username: 'bob' },
      ]);
    const qc = new QueryClient();
    render(
      <ReactionBar message={message([{ emoji: '👍', count: 2, me: true }])} canAddNew onToggle={vi.fn()} />,
      { wrapper: wrap(qc) },
    );
    fireEvent.mouseEnter(screen.getByTestId('reaction-chip').parentElement!);
    await vi.waitFor(() => expect(reactors).toHaveBeenCalledOnce());
    // bob's reaction is stored (his PUT answered, or its event arrived) while the hover's read is out
    rereadReactors(qc, '42', '👍');
    answerFirst([{ id: 'u1', username: 'alice' }]);
    expect((await screen.findByText('alice and bob reacted with 👍')).getAttribute('role')).toBe('tooltip');
    expect(reactors).toHaveBeenCalledTimes(2);
  });

  it('without ADD_REACTIONS there is no picker for a new emoji (existing chips still work)', () => {
    render(
      <ReactionBar
        message={message([{ emoji: '👍', count: 1, me: false }])}
        canAddNew={false}
        onToggle={vi.fn()}
      />,
      {
        wrapper: wrap(new QueryClient()),
      },
    );
    expect(screen.queryByTestId('reaction-add')).toBeNull();
    expect(screen.getByTestId('reaction-chip')).toBeTruthy();
  });
});

describe('useToggleReaction', () => {
  const history = (reactions: Message['reactions']): HistoryData => ({
    pages: [{ messages: [message(reactions)], has_more: false }],
    pageParams: [undefined],
  });
  const reactionsIn = (qc: QueryClient) =>
    qc.getQueryData<HistoryData>(keys.messages('c1'))!.pages[0]!.messages[0]!.reactions;

  it('shows the change at once and keeps it when the server agrees', async () => {
    const qc = new QueryClient();
    qc.setQueryData(keys.messages('c1'), history([]));
    const react = vi.spyOn(conversations, 'react').mockResolvedValue(undefined as never);
    const onError = vi.fn();
    const { result } = renderHook(() => useToggleReaction('c1', onError), { wrapper: wrap(qc) });
    await act(async () => result.current('42', '👍', true));
    expect(reactionsIn(qc)).toEqual([{ emoji: '👍', count: 1, me: true }]);
    expect(react).toHaveBeenCalledWith('c1', '42', '👍');
    expect(onError).not.toHaveBeenCalled();
  });

  it('takes the change back when the server refuses, and says why', async () => {
    const qc = new QueryClient();
    qc.setQueryData(keys.messages('c1'), history([{ emoji: '👍', count: 1, me: true }]));
    vi.spyOn(conversations, 'unreact').mockRejectedValue(
      new ApiError(403, 'missing_permission', 'Missing permission READ_MESSAGE_HISTORY'),
    );
    const onError = vi.fn();
    const { result } = renderHook(() => useToggleReaction('c1', onError), { wrapper: wrap(qc) });
    act(() => result.current('42', '👍', false));
    expect(reactionsIn(qc)).toEqual([]);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce());
    expect(reactionsIn(qc)).toEqual([{ emoji: '👍', count: 1, me: true }]);
    expect(onError.mock.calls[0]![0]).toContain('Missing permission');
  });
});
