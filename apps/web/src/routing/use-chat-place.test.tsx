import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { rememberPlace } from './last-place.ts';
import { useChatPlace } from './use-chat-place.ts';

function start(path: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
  );
  return renderHook(() => ({ route: useChatPlace(), location: useLocation() }), { wrapper });
}

describe('useChatPlace', () => {
  beforeEach(() => localStorage.clear());

  it('a message address shows its channel and asks for the message once per navigation', () => {
    const { result } = start('/channels/7/8/9');
    expect(result.current.route.view).toEqual({
      kind: 'server',
      serverId: '7',
      channelId: '8',
      messageId: '9',
    });
    expect(result.current.route.explicit).toBe(true);
    const first = result.current.route.jump;
    expect(first).toMatchObject({ channelId: '8', messageId: '9' });
    act(() => result.current.route.selectChannel('7', '10'));
    expect(result.current.location.pathname).toBe('/channels/7/10');
    expect(result.current.route.jump).toBeNull();
    act(() => result.current.route.openMessage('7', '8', '9'));
    expect(result.current.location.pathname).toBe('/channels/7/8/9');
    // the same message again is a new request
    expect(result.current.route.jump?.seq).not.toBe(first?.seq);
    act(() => result.current.route.openMessage(null, '42', '43'));
    expect(result.current.location.pathname).toBe('/channels/@me/42/43');
  });

  it('a server or Home alone leaves the channel to be filled in', () => {
    const { result } = start('/');
    act(() => result.current.route.selectServer('5'));
    expect(result.current.location.pathname).toBe('/channels/5');
    act(() => result.current.route.selectDm(null));
    expect(result.current.location.pathname).toBe('/channels/@me');
    act(() => result.current.route.selectDm('42'));
    expect(result.current.location.pathname).toBe('/channels/@me/42');
    act(() => result.current.route.canonicalize({ kind: 'dm', channelId: '42' }));
    expect(result.current.location.pathname).toBe('/channels/@me/42');
  });

  it('`/` and an unknown address show the last place, not explicitly', () => {
    rememberPlace({ kind: 'server', serverId: '7', channelId: '8' });
    for (const path of ['/', '/nowhere']) {
      const { result } = start(path);
      expect(result.current.route.view).toEqual({ kind: 'server', serverId: '7', channelId: '8' });
      expect(result.current.route.explicit).toBe(false);
      act(() => result.current.route.canonicalize({ kind: 'server', serverId: '7', channelId: '8' }));
      expect(result.current.location.pathname).toBe('/channels/7/8');
    }
  });

  it('settings opened in the app: sections replace the address, closing goes back', () => {
    const { result } = start('/channels/7/8');
    act(() => result.current.route.openSettings());
    expect(result.current.location.pathname).toBe('/settings/account');
    act(() => result.current.route.setSection('security'));
    expect(result.current.location.pathname).toBe('/settings/security');
    act(() => result.current.route.closeOverlay());
    expect(result.current.location.pathname).toBe('/channels/7/8');
  });

  it('settings opened by their address close to the place under them', () => {
    rememberPlace({ kind: 'server', serverId: '7', channelId: '8' });
    const { result } = start('/channels/7/settings/roles');
    expect(result.current.route.place).toEqual({ kind: 'server-settings', serverId: '7', section: 'roles' });
    expect(result.current.route.view).toEqual({ kind: 'server', serverId: '7', channelId: '8' });
    act(() => result.current.route.setSection('bans'));
    expect(result.current.location.pathname).toBe('/channels/7/settings/bans');
    act(() => result.current.route.closeOverlay());
    expect(result.current.location.pathname).toBe('/channels/7/8');
  });

  it('an invite gives way to the app once handled', () => {
    window.history.replaceState(null, '', '/invite/abc');
    const { result } = start('/invite/abc');
    expect(result.current.route.place).toEqual({ kind: 'invite', code: 'abc' });
    act(() => result.current.route.leaveInvite());
    expect(result.current.location.pathname).toBe('/');
    window.history.replaceState(null, '', '/');
  });
});
