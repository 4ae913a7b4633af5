import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Channel, Message } from '@twopointo/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversations } from '../../api/conversations.ts';
import { MentionContext } from '../mention-context.tsx';
import { PinLine } from './PinLine.tsx';
import { PinsPanel } from './PinsPanel.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const channel: Channel = {
  id: 'c1',
  server_id: 's1',
  name: 'general',
  topic: null,
  position: 0,
  created_at: '2026-01-01T00:00:00Z',
  last_message_id: null,
  type: 'text',
  parent_id: null,
};
const message = (id: string, extra: Partial<Message> = {}): Message => ({
  id,
  channel_id: 'c1',
  server_id: 's1',
  author: { id: 'u1', username: 'alice' },
  content: `**pinned** ${id}`,
  attachments: [],
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  reactions: [],
  pinned: true,
  type: 'default',
  reference_id: null,
  reply_to_id: null,
  created_at: '2026-11-25T10:00:00.000Z',
  edited_at: null,
  ...extra,
});
const wrap = (ui: ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MentionContext.Provider value={{ users: [], roles: [], myId: 'u1', myRoleIds: [], everyone: false }}>
        {ui}
      </MentionContext.Provider>
    </QueryClientProvider>,
  );

describe('PinsPanel', () => {
  it('lists the pinned messages (markdown rendered); Jump opens one; unpin only with the right', async () => {
    vi.spyOn(conversations, 'pins').mockResolvedValue([message('2'), message('1')]);
    const unpin = vi.spyOn(conversations, 'unpin').mockResolvedValue(undefined as never);
    const onJump = vi.fn();
    wrap(<PinsPanel channel={channel} canUnpin onJump={onJump} onClose={vi.fn()} />);
    const items = await screen.findAllByTestId('pinned-message');
    expect(items.map((i) => i.dataset.messageId)).toEqual(['2', '1']);
    expect(items[0]!.querySelector('strong')?.textContent).toBe('pinned');
    fireEvent.click(screen.getAllByTestId('pin-jump')[1]!);
    expect(onJump).toHaveBeenCalledWith('1');
    fireEvent.click(screen.getAllByTestId('pin-remove')[0]!);
    await vi.waitFor(() => expect(unpin).toHaveBeenCalledWith('c1', '2'));
  });

  it('says when there is nothing pinned, and offers no unpin without MANAGE_MESSAGES', async () => {
    vi.spyOn(conversations, 'pins').mockResolvedValue([]);
    const onClose = vi.fn();
    wrap(<PinsPanel channel={channel} canUnpin={false} onJump={vi.fn()} onClose={onClose} />);
    await screen.findByTestId('pins-empty');
    expect(screen.queryByTestId('pin-remove')).toBeNull();
    fireEvent.click(screen.getByTestId('pins-close'));
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('PinLine', () => {
  it('says who pinned, links to the message and to all pins', () => {
    const onJump = vi.fn();
    const onOpenPins = vi.fn();
    wrap(
      <PinLine
        message={message('9', { type: 'pin', content: '', reference_id: '1', pinned: false })}
        onJump={onJump}
        onOpenPins={onOpenPins}
      />,
    );
    expect(screen.getByTestId('pin-line').textContent).toContain(
      'alice pinned a message to this channel. See all pinned messages.',
    );
    fireEvent.click(screen.getByTestId('pin-line-message'));
    expect(onJump).toHaveBeenCalledWith('1');
    fireEvent.click(screen.getByTestId('pin-line-open'));
    expect(onOpenPins).toHaveBeenCalledOnce();
  });
});
