import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Member, Role } from '@twopointo/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/auth-session.ts';
import { keys } from '../api/query-keys.ts';
import { ProfileCardHost, ProfileTrigger, profileCardStore } from './profile-card-context.tsx';
import { fakeEdge } from './test-edge.ts';

const alice = { id: '1', username: 'alice', display_name: 'Alice L.', avatar: '42' };

beforeEach(() => {
  session.setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  fakeEdge({
    'GET /api/users/1': { status: 200, body: { ...alice, about: 'Down the rabbit hole' } },
  });
});
afterEach(() => {
  act(() => profileCardStore.close());
  cleanup();
  vi.unstubAllGlobals();
  session.clear();
});

describe('profile card', () => {
  it('opens from a name: avatar, display name, username, about, roles, and the actions slot', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const member: Member = {
      user: alice,
      roles: ['7'],
      joined_at: '2026-01-01T00:00:00Z',
      status: 'online',
      nick: null,
      communication_disabled_until: null,
    };
    qc.setQueryData<Member[]>(keys.members('3'), [member]);
    qc.setQueryData<Role[]>(keys.roles('3'), [
      {
        id: '7',
        server_id: '3',
        name: 'Moderators',
        permissions: '0',
        position: 1,
        created_at: '',
        color: 0,
        hoist: false,
        mentionable: false,
      },
    ]);
    render(
      <QueryClientProvider client={qc}>
        <ProfileTrigger user={alice}>Alice L.</ProfileTrigger>
        <ProfileCardHost
          serverId="3"
          actions={(u) => <button data-testid="message-user">Message {u.username}</button>}
        />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Alice L.' }));
    const card = await screen.findByRole('dialog', { name: 'Profile of Alice L.' });
    expect(screen.getByTestId('profile-card-username').textContent).toBe('alice');
    expect((await screen.findByTestId('profile-card-about')).textContent).toBe('Down the rabbit hole');
    expect(screen.getByTestId('profile-card-roles').textContent).toBe('Moderators');
    expect(card.querySelector('img')?.getAttribute('src')).toMatch(/\/api\/images\/42\/128$/);
    expect(screen.getByTestId('message-user').textContent).toBe('Message alice');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('profile-card')).toBeNull();
  });
});
