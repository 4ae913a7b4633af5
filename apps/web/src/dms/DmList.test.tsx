import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { DmChannel } from '@twopointo/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/query-keys.ts';
import { DmList } from './DmList.tsx';

const closeDm = vi.hoisted(() => vi.fn(async (_id: string) => undefined));
vi.mock('../api/endpoints.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/endpoints.ts')>();
  return { ...real, dms: { ...real.dms, close: closeDm } };
});

afterEach(cleanup);

const dms: DmChannel[] = [
  {
    id: '30',
    type: 'group_dm',
    name: null,
    owner_id: '1',
    recipients: [
      { id: '2', username: 'bob' },
      { id: '3', username: 'carol' },
    ],
    last_message_id: '300',
    created_at: '2026-01-01T00:00:00Z',
  },
  {
    id: '20',
    type: 'dm',
    name: null,
    owner_id: null,
    recipients: [{ id: '2', username: 'bob' }],
    last_message_id: '200',
    created_at: '2026-01-01T00:00:00Z',
  },
];

function list(over: Partial<Parameters<typeof DmList>[0]> = {}, qc = new QueryClient()) {
  const onSelect = vi.fn();
  render(
    <QueryClientProvider client={qc}>
      <DmList
        dms={dms}
        error={null}
        attention={{ '20': { unread: true, mentions: 2 }, '30': { unread: false, mentions: 0 } }}
        selectedId={null}
        onSelect={onSelect}
        {...over}
      />
    </QueryClientProvider>,
  );
  return onSelect;
}

describe('DmList (Home)', () => {
  it('lists DMs in the given (activity) order, named after their recipients, with unread marks and badges', () => {
    list();
    const items = screen.getAllByTestId('dm-item');
    expect(items.map((i) => i.dataset.dmTitle)).toEqual(['bob, carol', 'bob']);
    expect(items[1]!.dataset.unread).toBe('true');
    expect(items[0]!.dataset.unread).toBeUndefined();
    expect(screen.getByTestId('dm-mention-badge').textContent).toBe('2');
    expect(items[1]!.getAttribute('aria-label')).toBe('bob, 2 unread messages');
  });

  it('the open DM shows no unread mark; clicking one opens it', () => {
    const onSelect = list({ selectedId: '20' });
    expect(screen.getAllByTestId('dm-item')[1]!.dataset.unread).toBeUndefined();
    expect(screen.queryByTestId('dm-mention-badge')).toBeNull();
    fireEvent.click(screen.getAllByTestId('dm-item')[0]!);
    expect(onSelect).toHaveBeenCalledWith('30');
  });

  it('says how to start when there is no DM, and opens the group dialog from +', () => {
    list({ dms: [] });
    expect(screen.getByTestId('no-dms')).toBeTruthy();
    fireEvent.click(screen.getByTestId('new-group-dm'));
    expect(screen.getByTestId('group-dm-dialog')).toBeTruthy();
  });

  it('a 1:1 DM has a close button reachable by keyboard (a group DM is left from its header); closing drops it from the cached list', async () => {
    const qc = new QueryClient();
    qc.setQueryData<DmChannel[]>(keys.dms, dms);
    list({}, qc);
    const buttons = screen.getAllByTestId('dm-close');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.tagName).toBe('BUTTON');
    expect(buttons[0]!.getAttribute('aria-label')).toBe('Close DM with bob');
    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(qc.getQueryData<DmChannel[]>(keys.dms)!.map((d) => d.id)).toEqual(['30']));
    expect(closeDm).toHaveBeenCalledWith('20');
  });
});
