import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Message } from '@twopointo/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversations } from '../api/conversations.ts';
import { MessageItem } from './MessageItem.tsx';

afterEach(cleanup);

const wrap = (ui: ReactNode) =>
  render(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);

function message(content: string, extra: Partial<Message> = {}): Message {
  return {
    id: '42',
    channel_id: 'c1',
    server_id: 's1',
    author: { id: 'u1', username: 'alice' },
    content,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    reactions: [],
    pinned: false,
    type: 'default',
    reference_id: null,
    reply_to_id: null,
    created_at: '2026-11-25T10:00:00.000Z',
    edited_at: null,
    ...extra,
  };
}

function item(m: Message, over: Partial<Parameters<typeof MessageItem>[0]> = {}) {
  return (
    <MessageItem
      message={m}
      continued={false}
      myId="u1"
      canManageMessages={false}
      editing={false}
      onReply={() => undefined}
      onEdit={() => undefined}
      onImageLoad={() => undefined}
      {...over}
    />
  );
}

describe('MessageItem', () => {
  it('renders markup in a message as text, never as elements', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
    const { container } = wrap(item(message(evil)));
    expect(screen.getByTestId('message-content').textContent).toBe(evil);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('makes http(s) links clickable and safe, and leaves javascript: as text', () => {
    wrap(item(message('go https://example.com/x?a=1 or javascript:alert(1)')));
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://example.com/x?a=1');
    expect(links[0]!.getAttribute('rel')).toContain('noopener');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
  });

  it('quotes the message it replies to', () => {
    const original = message('the original', { id: '7', author: { id: 'u2', username: 'bob' } });
    wrap(item(message('answer', { reply_to_id: '7' }), { replyTarget: original }));
    const quote = screen.getByTestId('reply-preview');
    expect(quote.textContent).toContain('bob');
    expect(quote.textContent).toContain('the original');
  });

  it('says when the replied-to message is not loaded', () => {
    wrap(item(message('answer', { reply_to_id: '7' })));
    expect(screen.getByTestId('reply-preview').textContent).toMatch(/not loaded/);
  });

  it('offers edit and delete only on own messages (or with MANAGE_MESSAGES)', () => {
    const own = wrap(item(message('mine')));
    expect(screen.queryByTestId('message-edit')).not.toBeNull();
    expect(screen.queryByTestId('message-delete')).not.toBeNull();
    own.unmount();
    const other = wrap(item(message('theirs', { author: { id: 'u2', username: 'bob' } })));
    expect(screen.queryByTestId('message-edit')).toBeNull();
    expect(screen.queryByTestId('message-delete')).toBeNull();
    other.unmount();
    wrap(item(message('theirs', { author: { id: 'u2', username: 'bob' } }), { canManageMessages: true }));
    expect(screen.queryByTestId('message-edit')).toBeNull();
    expect(screen.queryByTestId('message-delete')).not.toBeNull();
  });

  it('marks edited messages', () => {
    wrap(item(message('changed', { edited_at: '2026-11-25T10:05:00.000Z' })));
    expect(screen.getByTestId('edited-marker')).toBeTruthy();
  });

  it('Escape cancels an edit', () => {
    const onEdit = vi.fn();
    wrap(item(message('old text'), { editing: true, onEdit }));
    const box = screen.getByTestId('edit-input');
    fireEvent.change(box, { target: { value: 'new text' } });
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(onEdit).toHaveBeenCalledWith(null);
  });

  it('an edit starts with the caret at the end', () => {
    wrap(item(message('some old text'), { editing: true }));
    const box = screen.getByTestId('edit-input') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([13, 13]);
  });

  it('offers pin/unpin only with MANAGE_MESSAGES, and calls the pin routes', async () => {
    const pin = vi.spyOn(conversations, 'pin').mockResolvedValue(undefined as never);
    const unpin = vi.spyOn(conversations, 'unpin').mockResolvedValue(undefined as never);
    const plain = wrap(item(message('x')));
    expect(screen.queryByTestId('message-pin')).toBeNull();
    plain.unmount();
    const mod = wrap(item(message('x'), { canManageMessages: true }));
    fireEvent.click(screen.getByTestId('message-pin'));
    await vi.waitFor(() => expect(pin).toHaveBeenCalledWith('c1', '42'));
    mod.unmount();
    wrap(item(message('x', { pinned: true }), { canManageMessages: true }));
    expect(screen.getByTestId('message-pin').getAttribute('aria-label')).toBe('Unpin message');
    fireEvent.click(screen.getByTestId('message-pin'));
    await vi.waitFor(() => expect(unpin).toHaveBeenCalledWith('c1', '42'));
    vi.restoreAllMocks();
  });

  it('shows reactions and the add button only with ADD_REACTIONS; picking an emoji reacts', async () => {
    const onToggleReaction = vi.fn();
    const reacted = message('x', { reactions: [{ emoji: '👍', count: 1, me: false }] });
    const denied = wrap(item(reacted, { canAddReactions: false, onToggleReaction }));
    expect(screen.queryByTestId('add-reaction')).toBeNull();
    expect(screen.queryByTestId('reaction-add')).toBeNull();
    fireEvent.click(screen.getByTestId('reaction-chip'));
    expect(onToggleReaction).toHaveBeenCalledWith('42', '👍', true);
    denied.unmount();
    wrap(item(reacted, { canAddReactions: true, onToggleReaction }));
    fireEvent.click(screen.getByTestId('add-reaction'));
    fireEvent.change(await screen.findByTestId('emoji-search'), { target: { value: 'tada' } });
    const tada = await vi.waitFor(() => {
      const o = screen.getAllByTestId('emoji-option').find((e) => e.dataset.emoji === '🎉');
      if (!o) throw new Error('not yet');
      return o;
    });
    fireEvent.click(tada);
    expect(onToggleReaction).toHaveBeenLastCalledWith('42', '🎉', true);
    expect(screen.queryByTestId('emoji-picker')).toBeNull();
  });
});
