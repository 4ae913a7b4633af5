import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyMessageLink } from './CopyMessageLink.tsx';

describe('Copy message link', () => {
  afterEach(cleanup);

  it('copies the full address of the message and says "Copied"', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<CopyMessageLink message={{ id: '9', channel_id: '8', server_id: '7' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message link' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/channels/7/8/9`);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy());
  });

  it('a DM message links under @me; a refused clipboard changes nothing', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('denied')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<CopyMessageLink message={{ id: '43', channel_id: '42', server_id: null }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message link' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/channels/@me/42/43`);
    await Promise.resolve();
    expect(screen.queryByRole('button', { name: 'Copied' })).toBeNull();
  });
});
