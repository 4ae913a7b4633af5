import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/query-keys.ts';
import { abilitiesFrom } from '../chat/permissions.ts';
import { CallPanel } from './CallPanel.tsx';
import { voiceApi, type VoiceState } from './voice-api.ts';
import type { VoiceCall } from './voice-call.ts';
import { VoiceController } from './voice-controller.ts';
import { VOICE_STATUS_KEY, VoiceChannels } from './VoiceChannelItem.tsx';
import { Reloads, VoiceContext } from './VoiceProvider.tsx';
import { VoiceStateStore } from './voice-store.ts';
import { ApiError } from '../api/api-error.ts';
import { Permissions } from '@twopointo/shared';

const voice = (id: string, name: string, user_limit = 0): Channel => ({
  id,
  server_id: 's1',
  name,
  topic: null,
  position: 0,
  created_at: '2026-01-01T00:00:00Z',
  last_message_id: null,
  type: 'voice',
  parent_id: null,
  user_limit,
});
const channels = [voice('v1', 'Lounge', 5), voice('v2', 'Gaming')];
const state = (user_id: string, channel_id: string, more: Partial<VoiceState> = {}): VoiceState => ({
  user_id,
  server_id: 's1',
  channel_id,
  self_mute: false,
  self_deaf: false,
  mute: false,
  deaf: false,
  self_video: false,
  self_stream: false,
  suppress: false,
  ...more,
});

function fakeCall() {
  return {
    status: 'connected',
    serverMute: false,
    camera: null,
    screen: null,
    remote: [],
    subscribe: () => () => undefined,
    start: async () => undefined,
    end: vi.fn(),
    setSelf: vi.fn(),
    isSpeaking: (uid: string) => uid === 'u2',
    inputLevel: () => 0.5,
    volumeOf: () => 1,
    setVolume: vi.fn(),
  };
}

function setup(join: () => Promise<unknown> = async () => ({ url: '/voice', room: 1 })) {
  const api = {
    ...voiceApi,
    join: vi.fn(join),
    leave: vi.fn(async () => ({})),
    updateSelf: vi.fn(async () => ({})),
  };
  const call = fakeCall();
  const controller = new VoiceController({
    userId: 'u1',
    api: api as unknown as typeof voiceApi,
    createCall: () => call as unknown as VoiceCall,
  });
  const store = new VoiceStateStore();
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(keys.members('s1'), [
    { user: { id: 'u1', username: 'alice' }, roles: [] },
    { user: { id: 'u2', username: 'bob' }, roles: [] },
  ]);
  qc.setQueryData(keys.channels('s1'), channels);
  qc.setQueryData(keys.servers, [{ id: 's1', name: 'Home', owner_id: 'u1', created_at: '' }]);
  qc.setQueryData(VOICE_STATUS_KEY, { available: true });
  const wrap = (children: ReactNode) => (
    <QueryClientProvider client={qc}>
      <VoiceContext.Provider value={{ controller, store, reload: new Reloads() }}>
        {children}
      </VoiceContext.Provider>
    </QueryClientProvider>
  );
  return { api, call, controller, store, wrap, qc };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('voice channels in the sidebar', () => {
  it('lists voice channels with who is in them and their state', () => {
    const { store, wrap } = setup();
    store.load('s1', [
      state('u2', 'v1', { self_mute: true, self_video: true }),
      state('u3', 'v1', { deaf: true, self_stream: true }),
    ]);
    render(wrap(<VoiceChannels channels={channels} abilities={abilitiesFrom(0n, false)} myId="u1" />));
    const items = screen.getAllByTestId('voice-channel');
    expect(items.map((i) => i.dataset.channelName)).toEqual(['Lounge', 'Gaming']);
    expect(within(items[0]!).getByText('2/5')).toBeTruthy();
    const people = within(items[0]!).getAllByTestId('voice-participant');
    expect(people.map((p) => p.dataset.userName)).toEqual(['bob', 'Someone']);
    expect(people[0]!.dataset.muted).toBe('true');
    expect(within(people[0]!).getByTestId('flag-camera')).toBeTruthy();
    expect(people[1]!.dataset.deafened).toBe('true');
    expect(within(people[1]!).getByTestId('flag-stream').textContent).toBe('LIVE');
    expect(within(people[1]!).getByTitle('Server deafened')).toBeTruthy();
  });

  it('says so when the server has no media server', () => {
    const { wrap, qc } = setup();
    qc.setQueryData(VOICE_STATUS_KEY, { available: false });
    render(wrap(<VoiceChannels channels={channels} abilities={abilitiesFrom(0n, false)} myId="u1" />));
    expect(screen.getByTestId('voice-unavailable').textContent).toBe('Voice is not set up on this server');
  });

  it('shows nothing for a server without voice channels', () => {
    const { wrap } = setup();
    const { container } = render(
      wrap(<VoiceChannels channels={[]} abilities={abilitiesFrom(0n, false)} myId="u1" />),
    );
    expect(container.innerHTML).toBe('');
  });

  it('joins on click, shows the speaking ring in the call and follows joins and leaves', async () => {
    const { api, store, wrap } = setup();
    render(wrap(<VoiceChannels channels={channels} abilities={abilitiesFrom(0n, false)} myId="u1" />));
    await act(async () => fireEvent.click(screen.getAllByTestId('voice-channel-join')[0]!));
    expect(api.join).toHaveBeenCalledWith('v1', { self_mute: false, self_deaf: false });
    act(() => {
      store.apply(state('u1', 'v1'));
      store.apply(state('u2', 'v1'));
    });
    const people = screen.getAllByTestId('voice-participant');
    expect(people.map((p) => [p.dataset.userName, p.dataset.speaking])).toEqual([
      ['alice', undefined],
      ['bob', 'true'],
    ]);
    act(() => store.apply({ ...state('u2', 'v1'), channel_id: null }));
    expect(screen.getAllByTestId('voice-participant')).toHaveLength(1);
  });

  it('offers moderation only with the permissions, and sends it', async () => {
    const moderate = vi.spyOn(voiceApi, 'moderate').mockResolvedValue({ voice_state: null });
    const { store, wrap } = setup();
    store.load('s1', [state('u2', 'v1')]);
    const { rerender } = render(
      wrap(<VoiceChannels channels={channels} abilities={abilitiesFrom(0n, false)} myId="u1" />),
    );
    fireEvent.click(screen.getByText('bob'));
    const menu = screen.getByTestId('voice-user-menu');
    expect(within(menu).queryByTestId('mod-mute')).toBeNull();
    expect(within(menu).queryByTestId('mod-disconnect')).toBeNull();

    const mod = abilitiesFrom(Permissions.MUTE_MEMBERS | Permissions.MOVE_MEMBERS, false);
    rerender(wrap(<VoiceChannels channels={channels} abilities={mod} myId="u1" />));
    expect(screen.queryByTestId('mod-deafen')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('mod-mute')));
    expect(moderate).toHaveBeenCalledWith('s1', 'u2', { mute: true });
    fireEvent.click(screen.getByText('bob'));
    await act(async () => fireEvent.change(screen.getByTestId('mod-move'), { target: { value: 'v2' } }));
    expect(moderate).toHaveBeenLastCalledWith('s1', 'u2', { channel_id: 'v2' });
    fireEvent.click(screen.getByText('bob'));
    moderate.mockRejectedValueOnce(new ApiError(403, 'missing_permission', 'You lack MOVE_MEMBERS'));
    await act(async () => fireEvent.click(screen.getByTestId('mod-disconnect')));
    expect(moderate).toHaveBeenLastCalledWith('s1', 'u2', { channel_id: null });
    expect(screen.getByText('You lack MOVE_MEMBERS')).toBeTruthy();

    // the deafen row, and each row names what a click does next
    const deafen = abilitiesFrom(Permissions.MUTE_MEMBERS | Permissions.DEAFEN_MEMBERS, false);
    rerender(wrap(<VoiceChannels channels={channels} abilities={deafen} myId="u1" />));
    await act(async () => fireEvent.click(screen.getByTestId('mod-deafen')));
    expect(moderate).toHaveBeenLastCalledWith('s1', 'u2', { deaf: true });
    act(() => store.apply({ ...state('u2', 'v1'), deaf: true }));
    fireEvent.click(screen.getByText('bob'));
    expect(screen.getByTestId('mod-deafen').textContent).toBe('Server undeafen');
    expect(screen.getByTestId('mod-mute').textContent).toBe('Server mute');
  });
});

describe('the call panel', () => {
  it('is absent out of a call, and shows the call with its controls in one', async () => {
    const { controller, call, api, wrap } = setup();
    const { container } = render(wrap(<CallPanel />));
    expect(container.innerHTML).toBe('');
    await act(() => controller.join({ id: 'v1', serverId: 's1' }));
    expect(screen.getByTestId('call-status').textContent).toBe('Voice connected');
    expect(screen.getByTestId('call-channel').textContent).toBe('Lounge / Home');
    fireEvent.click(screen.getByTestId('voice-mute'));
    expect(call.setSelf).toHaveBeenLastCalledWith({ mute: true, deaf: false });
    expect(screen.getByTestId('voice-mute').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('voice-deafen'));
    expect(call.setSelf).toHaveBeenLastCalledWith({ mute: true, deaf: true });
    fireEvent.click(screen.getByTestId('voice-settings'));
    expect(screen.getByTestId('device-settings')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId('voice-leave')));
    expect(api.leave).toHaveBeenCalledWith('v1');
    expect(call.end).toHaveBeenCalled();
    expect(screen.queryByTestId('call-panel')).toBeNull();
  });

  it('says voice is not set up when the server has none', async () => {
    const { controller, wrap } = setup(async () => {
      throw new ApiError(503, 'voice_unavailable', 'no media server');
    });
    render(wrap(<CallPanel />));
    await act(() => controller.join({ id: 'v1', serverId: 's1' }));
    expect(screen.getByTestId('voice-error').textContent).toBe('Voice is not set up on this server');
    expect(screen.queryByTestId('voice-leave')).toBeNull();
  });
});
