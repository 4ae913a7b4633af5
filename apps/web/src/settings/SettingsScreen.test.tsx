import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Me, Member, Message } from '@twopointo/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/auth-session.ts';
import { keys } from '../api/query-keys.ts';
import type { HistoryData } from '../chat/message-cache.ts';
import { applyEvent } from '../gateway/apply-event.ts';
import { avatarProblem } from './MyAccountPanel.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';
import { apiError, fakeEdge, type Sent } from './test-edge.ts';

const me: Me = {
  id: '1',
  email: 'alice@example.com',
  username: 'alice',
  created_at: '2026-01-01T00:00:00Z',
  twofa_enabled: true,
  display_name: null,
  avatar: null,
  about: null,
};

let qc: QueryClient;
let sent: Sent[];
let answers: Record<string, { status: number; body?: unknown }>;

beforeEach(() => {
  session.setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(keys.me, me);
  answers = {
    'GET /id/me': { status: 200, body: me },
    'GET /id/sessions': {
      status: 200,
      body: {
        sessions: [
          {
            id: '10',
            created_at: '2026-01-01T00:00:00Z',
            last_used_at: '2026-01-02T00:00:00Z',
            user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
            current: true,
          },
          {
            id: '11',
            created_at: '2026-01-01T00:00:00Z',
            last_used_at: '2026-01-01T01:00:00Z',
            user_agent: 'Mozilla/5.0 (iPhone) Safari/604.1',
            current: false,
          },
        ],
      },
    },
  };
  sent = fakeEdge(answers);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  session.clear();
});

const renderSettings = (onClose = () => undefined) =>
  render(
    <QueryClientProvider client={qc}>
      <SettingsScreen onClose={onClose} />
    </QueryClientProvider>,
  );
const type = (testid: string, value: string) =>
  fireEvent.change(screen.getByTestId(testid), { target: { value } });

describe('My account', () => {
  it('sends only what changed, and shows the saved profile', async () => {
    const updated = { ...me, display_name: 'Alice L.', about: 'hi' };
    answers['PATCH /id/me'] = { status: 200, body: updated };
    renderSettings();
    expect(screen.getByLabelText('Display name')).toBe(screen.getByTestId('display-name'));
    type('display-name', '  Alice L. ');
    type('about', 'hi');
    fireEvent.click(screen.getByTestId('save-profile'));
    await screen.findByTestId('profile-saved');
    expect(sent.find((s) => s.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/id/me',
      body: { display_name: 'Alice L.', about: 'hi' },
    });
    expect(qc.getQueryData<Me>(keys.me)?.display_name).toBe('Alice L.');
  });

  it('shows the server’s refusal (username taken) on the form', async () => {
    answers['PATCH /id/me'] = apiError(409, 'username_taken', 'This username is taken');
    renderSettings();
    type('username', 'bob');
    fireEvent.click(screen.getByTestId('save-profile'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('This username is taken');
  });

  it('refuses a non-image or an oversized file before uploading, and previews a good one', async () => {
    expect(avatarProblem(new File(['x'], 'a.pdf', { type: 'application/pdf' }))).toMatch(/PNG/);
    const big = new File([new Uint8Array(8 * 1024 * 1024 + 1)], 'a.png', { type: 'image/png' });
    expect(avatarProblem(big)).toMatch(/too large/);
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
    renderSettings();
    fireEvent.change(screen.getByTestId('avatar-input'), {
      target: { files: [new File(['x'], 'a.txt', { type: 'text/plain' })] },
    });
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/PNG, JPEG, WebP or GIF/);
    fireEvent.change(screen.getByTestId('avatar-input'), {
      target: { files: [new File(['png'], 'a.png', { type: 'image/png' })] },
    });
    expect((await screen.findByTestId('avatar-preview')).getAttribute('src')).toBe('blob:preview');
    expect(screen.queryByTestId('form-error')).toBeNull();
    expect(sent.some((s) => s.path === '/api/assets')).toBe(false);
  });
});

describe('Security', () => {
  const openSecurity = () => {
    renderSettings();
    fireEvent.click(screen.getByTestId('settings-tab-security'));
  };

  it('changes the password, checking the repeat first', async () => {
    answers['POST /id/me/password'] = { status: 204 };
    openSecurity();
    type('current-password', 'old-password');
    type('new-password', 'new-password-1');
    type('repeat-password', 'new-password-2');
    fireEvent.click(screen.getByTestId('change-password'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('The two new passwords differ.');
    expect(sent.some((s) => s.path === '/id/me/password')).toBe(false);
    type('repeat-password', 'new-password-1');
    fireEvent.click(screen.getByTestId('change-password'));
    await screen.findByTestId('password-changed');
    expect(sent.find((s) => s.path === '/id/me/password')?.body).toEqual({
      password: 'old-password',
      new_password: 'new-password-1',
    });
  });

  it('shows a wrong current password', async () => {
    answers['POST /id/me/password'] = apiError(403, 'invalid_password', 'Wrong password');
    openSecurity();
    type('current-password', 'nope-nope');
    type('new-password', 'new-password-1');
    type('repeat-password', 'new-password-1');
    fireEvent.click(screen.getByTestId('change-password'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('Wrong password');
  });

  it('makes new recovery codes for a TOTP code and shows them once', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `aaaaa-bbbb${i}`);
    answers['POST /id/me/recovery-codes'] = { status: 200, body: { recovery_codes: codes } };
    openSecurity();
    type('recovery-totp', ' 123456 ');
    fireEvent.click(screen.getByTestId('renew-recovery-codes'));
    const list = await screen.findByTestId('new-recovery-codes');
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    expect(sent.find((s) => s.path === '/id/me/recovery-codes')?.body).toEqual({ code: '123456' });
    fireEvent.click(screen.getByText('Done'));
    expect(screen.queryByTestId('new-recovery-codes')).toBeNull();
  });

  it('lists the devices, marks this one, and signs another out', async () => {
    answers['DELETE /id/sessions/11'] = { status: 204 };
    openSecurity();
    const devices = await screen.findAllByTestId('device');
    expect(devices.map((d) => d.textContent)).toEqual([
      expect.stringContaining('Firefox on Linux'),
      expect.stringContaining('Safari on iOS'),
    ]);
    expect(within(devices[0]!).getByText('This device')).toBeTruthy();
    expect(within(devices[0]!).queryByTestId('device-sign-out')).toBeNull();
    fireEvent.click(within(devices[1]!).getByTestId('device-sign-out'));
    await vi.waitFor(() => expect(screen.getAllByTestId('device')).toHaveLength(1));
    expect(sent.some((s) => s.method === 'DELETE' && s.path === '/id/sessions/11')).toBe(true);
  });

  it('deletes the account only once the username is typed, with password and code', async () => {
    answers['DELETE /id/me'] = { status: 204 };
    openSecurity();
    type('delete-password', 'my-password');
    type('delete-code', '654321');
    const button = screen.getByTestId('delete-account') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    type('delete-confirm', 'alic');
    expect(button.disabled).toBe(true);
    type('delete-confirm', 'alice');
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await vi.waitFor(() => expect(session.signedIn).toBe(false));
    expect(sent.find((s) => s.method === 'DELETE' && s.path === '/id/me')?.body).toEqual({
      password: 'my-password',
      code: '654321',
    });
  });

  it('a bad code for deletion shows the error and keeps the session', async () => {
    answers['DELETE /id/me'] = apiError(403, 'invalid_code', 'Wrong or already used code');
    openSecurity();
    type('delete-password', 'my-password');
    type('delete-code', '000000');
    type('delete-confirm', 'alice');
    fireEvent.click(screen.getByTestId('delete-account'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('Wrong or already used code');
    expect(session.signedIn).toBe(true);
  });

  it('follows the section in the address when it changes (back, forward, a link)', () => {
    const picked: string[] = [];
    const ui = (section: 'account' | 'security') => (
      <QueryClientProvider client={qc}>
        <SettingsScreen initial={section} onSection={(s) => picked.push(s)} onClose={() => undefined} />
      </QueryClientProvider>
    );
    const { rerender } = render(ui('account'));
    const current = () => screen.getByTestId('settings').querySelector('[aria-current="page"]')?.textContent;
    expect(current()).toBe('My account');
    rerender(ui('security'));
    expect(current()).toBe('Security');
    expect(screen.getByTestId('change-password-form')).toBeTruthy();
    fireEvent.click(screen.getByTestId('settings-tab-account'));
    expect(current()).toBe('My account');
    expect(picked).toEqual(['account']);
  });

  it('Escape closes the screen', () => {
    const onClose = vi.fn();
    renderSettings(onClose);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('USER_UPDATE in the caches', () => {
  it('updates me, member lists and message authors', () => {
    const member: Member = {
      user: { id: '1', username: 'alice', display_name: null, avatar: null },
      roles: [],
      joined_at: '2026-01-01T00:00:00Z',
      status: 'online',
      nick: null,
      communication_disabled_until: null,
    };
    const message = {
      id: '5',
      channel_id: '7',
      server_id: '3',
      author: { id: '1', username: 'alice', display_name: null, avatar: null },
      content: 'hi',
    } as Message;
    const other = { ...message, id: '6', author: { id: '2', username: 'bob' } } as Message;
    qc.setQueryData(keys.members('3'), [member]);
    qc.setQueryData<HistoryData>(keys.messages('7'), {
      pages: [{ messages: [other, message], has_more: false }],
      pageParams: [null],
    });
    const d = { id: '1', username: 'alice2', display_name: 'Alice', avatar: '99', about: 'x' };
    applyEvent(qc, { op: 'EVENT', t: 'USER_UPDATE', s: 1, d } as never, '1');
    expect(qc.getQueryData<Me>(keys.me)).toMatchObject({
      username: 'alice2',
      display_name: 'Alice',
      avatar: '99',
    });
    expect(qc.getQueryData<Member[]>(keys.members('3'))?.[0]?.user).toEqual({
      id: '1',
      username: 'alice2',
      display_name: 'Alice',
      avatar: '99',
    });
    const page = qc.getQueryData<HistoryData>(keys.messages('7'))!.pages[0]!.messages;
    expect(page[1]!.author).toMatchObject({ username: 'alice2', display_name: 'Alice', avatar: '99' });
    expect(page[0]).toBe(other);
  });
});
