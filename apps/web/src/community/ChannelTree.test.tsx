import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Channel, Server } from '@twopointo/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { keys } from '../api/query-keys.ts';
import { community } from './community-api.ts';
import { ChannelTree } from './ChannelTree.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
});

const server: Server = { id: 's', name: 'S', owner_id: 'u', created_at: '', icon_asset_id: null };
const ch = (
  id: string,
  name: string,
  type: Channel['type'],
  position: number,
  parent_id: string | null = null,
): Channel => ({
  id,
  server_id: 's',
  name,
  topic: null,
  position,
  created_at: '',
  last_message_id: null,
  type,
  parent_id,
});
const channels = [
  ch('1', 'general', 'text', 0),
  ch('2', 'Info', 'category', 1),
  ch('3', 'rules', 'text', 2, '2'),
];

function tree(canManage: boolean, qc = new QueryClient()) {
  qc.setQueryData(keys.channels('s'), channels);
  const ui: ReactNode = (
    <QueryClientProvider client={qc}>
      <ChannelTree
        server={server}
        channels={qc.getQueryData<Channel[]>(keys.channels('s'))!}
        selectedChannelId="1"
        canManage={canManage}
        renderChannel={({ channel, dragProps }) => (
          <div data-testid="row" data-name={channel.name} {...dragProps}>
            {channel.name}
          </div>
        )}
        onCreateIn={() => undefined}
        onEdit={() => undefined}
        onDelete={() => undefined}
      />
    </QueryClientProvider>
  );
  return { qc, ...render(ui) };
}

describe('ChannelTree', () => {
  it('shows categories with their channels, folds them and remembers it', () => {
    tree(false);
    expect(screen.getAllByTestId('row').map((r) => r.dataset.name)).toEqual(['general', 'rules']);
    expect(screen.getByTestId('category').dataset.categoryName).toBe('Info');
    fireEvent.click(screen.getByTestId('category-toggle'));
    expect(screen.getAllByTestId('row').map((r) => r.dataset.name)).toEqual(['general']);
    expect(JSON.parse(localStorage.getItem('twopointo.collapsed.s')!)).toEqual(['2']);
    cleanup();
    tree(false);
    expect(screen.getByTestId('category-toggle').getAttribute('aria-expanded')).toBe('false');
  });

  it('without MANAGE_CHANNELS nothing drags and no tools show', () => {
    tree(false);
    expect(screen.getAllByTestId('row')[0]!.getAttribute('draggable')).toBeNull();
    expect(screen.queryByTestId('create-in-category')).toBeNull();
  });

  it('a drop into a category is one reorder call; a refusal rolls the order back', async () => {
    const call = vi
      .spyOn(community, 'reorderChannels')
      .mockRejectedValue(new ApiError(403, 'missing_permission', 'no'));
    const { qc } = tree(true);
    const general = screen.getAllByTestId('row')[0]!;
    const data = { setData: vi.fn(), getData: () => '1', effectAllowed: '' };
    fireEvent.dragStart(general, { dataTransfer: data });
    fireEvent.dragOver(screen.getByTestId('category'), { dataTransfer: data });
    fireEvent.drop(screen.getByTestId('category'), { dataTransfer: data });
    // moved at once
    expect(qc.getQueryData<Channel[]>(keys.channels('s'))!.find((c) => c.id === '1')!.parent_id).toBe('2');
    expect(call).toHaveBeenCalledTimes(1);
    expect(call.mock.calls[0]![0]).toBe('s');
    expect(call.mock.calls[0]![1]).toContainEqual({ id: '1', position: 2, parent_id: '2' });
    // and back after the 403
    await vi.waitFor(() =>
      expect(qc.getQueryData<Channel[]>(keys.channels('s'))!.find((c) => c.id === '1')!.parent_id).toBeNull(),
    );
  });
});
