import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import type { voiceApi, VoiceState } from './voice-api.ts';
import type { CallOptions, VoiceCall } from './voice-call.ts';
import { VOICE_UNAVAILABLE, VoiceController } from './voice-controller.ts';

const creds = { url: '/voice', token: 't', room: 1, ice_servers: [] };

/** The parts of VoiceCall the controller drives, recorded. */
class FakeCall {
  status = 'connecting';
  serverMute = false;
  camera: MediaStream | null = null;
  screen: MediaStream | null = null;
  self: { mute?: boolean; deaf?: boolean } = {};
  server = { mute: false, deaf: false };
  ended = false;
  constructor(
    readonly opts: CallOptions,
    private readonly fail?: Error,
  ) {}
  subscribe = () => () => undefined;
  async start() {
    await this.opts.credentials();
    if (this.fail) throw this.fail;
    this.status = 'connected';
  }
  end() {
    this.ended = true;
  }
  setSelf(s: { mute?: boolean; deaf?: boolean }) {
    this.self = { ...this.self, ...s };
  }
  setServer(s: { mute: boolean; deaf: boolean }) {
    this.server = s;
  }
  setCamera = vi.fn(async () => undefined);
  setScreen = vi.fn(async () => {
    throw new DOMException('denied', 'NotAllowedError');
  });
  setInputDevice = vi.fn(async () => undefined);
  setOutputDevice = vi.fn();
}

function setup(opts: { joinError?: Error; startError?: Error } = {}) {
  const calls: FakeCall[] = [];
  const api = {
    join: vi.fn(async () => {
      if (opts.joinError) throw opts.joinError;
      return creds;
    }),
    leave: vi.fn(async () => ({})),
    updateSelf: vi.fn(async () => ({})),
    moderate: vi.fn(async () => ({})),
    states: vi.fn(async () => []),
  };
  const store = new Map<string, string>();
  const controller = new VoiceController({
    userId: 'me',
    api: api as unknown as typeof voiceApi,
    createCall: (o) => {
      const c = new FakeCall(o, opts.startError);
      calls.push(c);
      return c as unknown as VoiceCall;
    },
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
  });
  return { controller, api, calls, store };
}

const mine = (channel_id: string | null, more: Partial<VoiceState> = {}): VoiceState => ({
  user_id: 'me',
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

describe('VoiceController', () => {
  it('joins with the saved self state, starts a call with the answered credentials, and leaves', async () => {
    const { controller, api, calls } = setup();
    controller.toggleMute();
    await controller.join({ id: 'v1', serverId: 's1' });
    expect(api.join).toHaveBeenCalledWith('v1', { self_mute: true, self_deaf: false });
    expect(controller.channel?.id).toBe('v1');
    expect(calls[0]!.status).toBe('connected');
    expect(calls[0]!.self).toEqual({ mute: true, deaf: false });
    // joining the same channel again changes nothing
    await controller.join({ id: 'v1', serverId: 's1' });
    expect(api.join).toHaveBeenCalledTimes(1);
    await controller.leave();
    expect(calls[0]!.ended).toBe(true);
    expect(api.leave).toHaveBeenCalledWith('v1');
    expect(controller.channel).toBeNull();
  });

  it('switching channels ends the first call and joins the second', async () => {
    const { controller, api, calls } = setup();
    await controller.join({ id: 'v1', serverId: 's1' });
    await controller.join({ id: 'v2', serverId: 's1' });
    expect(calls[0]!.ended).toBe(true);
    expect(calls[1]!.opts.channelId).toBe('v2');
    expect(api.leave).not.toHaveBeenCalled();
  });

  it('a lost session asks the server for fresh credentials', async () => {
    const { controller, api, calls } = setup();
    await controller.join({ id: 'v1', serverId: 's1' });
    expect(api.join).toHaveBeenCalledTimes(1);
    await calls[0]!.opts.credentials();
    expect(api.join).toHaveBeenCalledTimes(2);
  });

  it('says voice is not set up when the server has no media server', async () => {
    const { controller, calls } = setup({
      joinError: new ApiError(503, 'voice_unavailable', 'Voice is not set up'),
    });
    await controller.join({ id: 'v1', serverId: 's1' });
    expect(controller.unavailable).toBe(true);
    expect(controller.error).toBe(VOICE_UNAVAILABLE);
    expect(controller.channel).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('a call that cannot start is left on the server too', async () => {
    const { controller, api } = setup({ startError: new Error('Permission denied') });
    await controller.join({ id: 'v1', serverId: 's1' });
    expect(controller.error).toBe('Permission denied');
    expect(controller.channel).toBeNull();
    expect(api.leave).toHaveBeenCalledWith('v1');
  });

  it('mute, deafen and their undo are told to the call and the server, and remembered', async () => {
    const { controller, api, calls, store } = setup();
    await controller.join({ id: 'v1', serverId: 's1' });
    controller.toggleDeaf();
    expect(calls[0]!.self).toEqual({ mute: true, deaf: true });
    expect(api.updateSelf).toHaveBeenLastCalledWith({ self_mute: true, self_deaf: true });
    // unmuting while deafened undeafens as well
    controller.toggleMute();
    expect(calls[0]!.self).toEqual({ mute: false, deaf: false });
    expect(JSON.parse(store.get('twopointo.voice')!)).toMatchObject({ selfMute: false, selfDeaf: false });
  });

  it('camera and screen are told to the server; a dismissed screen picker is no error', async () => {
    const { controller, api, calls } = setup();
    await controller.join({ id: 'v1', serverId: 's1' });
    await controller.setCamera(true);
    expect(calls[0]!.setCamera).toHaveBeenCalledWith(true);
    expect(api.updateSelf).toHaveBeenLastCalledWith({ self_video: true });
    await controller.setScreen(true);
    expect(controller.error).toBeNull();
    expect(api.updateSelf).not.toHaveBeenCalledWith({ self_stream: true });
  });

  it('follows what the server says about the caller: server mute, a move, a disconnect', async () => {
    const { controller, calls } = setup();
    await controller.join({ id: 'v1', serverId: 's1' });
    controller.onState(mine('v1', { mute: true }));
    expect(calls[0]!.server).toEqual({ mute: true, deaf: false });
    // someone else's state changes nothing here
    controller.onState({ ...mine(null), user_id: 'other' });
    expect(controller.channel?.id).toBe('v1');
    controller.onState(mine('v2'));
    await vi.waitFor(() => expect(controller.channel?.id).toBe('v2'));
    await vi.waitFor(() => expect(calls[1]?.status).toBe('connected'));
    controller.onState(mine(null));
    expect(controller.channel).toBeNull();
    expect(calls[1]!.ended).toBe(true);
  });
});
