import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recentEmoji } from './emoji-data.ts';
import { COLUMNS, EmojiPicker, moveInGrid } from './EmojiPicker.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const renderPicker = (onPick = vi.fn()) => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <EmojiPicker onPick={onPick} />
    </QueryClientProvider>,
  );
  return onPick;
};
const options = () => screen.getAllByTestId('emoji-option').map((o) => o.dataset.emoji);

describe('EmojiPicker', () => {
  it('opens on the first group, searches by shortcode and name, picks and remembers', async () => {
    const onPick = renderPicker();
    await vi.waitFor(() => expect(options()).toContain('😀'));
    expect(document.activeElement).toBe(screen.getByTestId('emoji-search'));
    fireEvent.click(screen.getByRole('button', { name: 'Food & Drink' }));
    expect(options()).toContain('🍕');
    fireEvent.change(screen.getByTestId('emoji-search'), { target: { value: 'tada' } });
    expect(options()[0]).toBe('🎉');
    fireEvent.change(screen.getByTestId('emoji-search'), { target: { value: 'qqqzzz' } });
    expect(screen.getByText('No emoji found')).toBeTruthy();
    fireEvent.change(screen.getByTestId('emoji-search'), { target: { value: 'heart' } });
    fireEvent.keyDown(screen.getByTestId('emoji-search'), { key: 'Enter' });
    const first = onPick.mock.calls[0]![0] as string;
    expect(first).toBeTruthy();
    expect(recentEmoji()).toEqual([first]);
  });

  it('shows the recently used first the next time', async () => {
    localStorage.setItem('twopointo.emoji.recent', JSON.stringify(['🎉', '👍']));
    const onPick = renderPicker();
    await vi.waitFor(() => expect(options()).toEqual(['🎉', '👍']));
    expect(screen.getByRole('button', { name: 'Recently used' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getAllByTestId('emoji-option')[1]!);
    expect(onPick).toHaveBeenCalledWith('👍');
    expect(recentEmoji()).toEqual(['👍', '🎉']);
  });

  it('survives broken recents in storage', async () => {
    localStorage.setItem('twopointo.emoji.recent', '{not json');
    renderPicker();
    await vi.waitFor(() => expect(options()).toContain('😀'));
    expect(recentEmoji()).toEqual([]);
  });

  it('is usable from the keyboard: ArrowDown from the search into the grid, arrows by cell and row, Enter picks', async () => {
    const onPick = renderPicker();
    await vi.waitFor(() => expect(options().length).toBeGreaterThan(COLUMNS + 1));
    fireEvent.keyDown(screen.getByTestId('emoji-search'), { key: 'ArrowDown' });
    const cells = screen.getAllByTestId('emoji-option');
    expect(document.activeElement).toBe(cells[0]);
    fireEvent.keyDown(cells[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(cells[1]);
    fireEvent.keyDown(cells[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cells[1 + COLUMNS]);
    fireEvent.keyDown(cells[1 + COLUMNS]!, { key: 'ArrowUp' });
    fireEvent.keyDown(cells[1]!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(cells[0]);
    // a focused cell is a button: Enter activates it
    fireEvent.click(document.activeElement!);
    expect(onPick).toHaveBeenCalledWith(cells[0]!.dataset.emoji);
  });

  it('moves within bounds', () => {
    expect(moveInGrid('ArrowLeft', 0, 20)).toBe(0);
    expect(moveInGrid('ArrowDown', 15, 20)).toBe(19);
    expect(moveInGrid('End', 3, 20)).toBe(19);
    expect(moveInGrid('Home', 3, 20)).toBe(0);
    expect(moveInGrid('a', 3, 20)).toBeNull();
  });
});
