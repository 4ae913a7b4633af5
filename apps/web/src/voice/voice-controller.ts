/**
 * The caller's side of voice, independent of React: which channel they are in, the call, their
 * own mute/deafen/camera/screen (told to the server so everyone's sidebar shows it), the
 * devices they chose, and what the server says about them (a moderator's mute, a move, a
 * disconnect). Join, leave and switch go through here.
 */
import { ApiError, errorMessage } from '../api/api-error.ts';
import { voiceApi, type SelfVoice, type VoiceState } from './voice-api.ts';
import type { CallOptions, VoiceCall, VoiceCredentials } from './voice-call.ts';

const PREFS_KEY = 'twopointo.voice';

export interface VoicePrefs {
  selfMute: boolean;
  selfDeaf: boolean;
  inputDeviceId: string;
  outputDeviceId: string;
}

export interface VoiceChannelRef {
  id: string;
  serverId: string;
}

export type CallFactory = (opts: CallOptions) => VoiceCall;

export interface ControllerDeps {
  userId: string;
  createCall: CallFactory;
  api?: typeof voiceApi;
  resolveUrl?: (url: string) => string;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

export const VOICE_UNAVAILABLE = 'Voice is not set up on this server';

function loadPrefs(storage: ControllerDeps['storage']): VoicePrefs {
  const base: VoicePrefs = { selfMute: false, selfDeaf: false, inputDeviceId: '', outputDeviceId: '' };
  try {
    const raw = JSON.parse(storage?.getItem(PREFS_KEY) ?? 'null') as Partial<VoicePrefs> | null;
    if (raw && typeof raw === 'object') return { ...base, ...raw };
  } catch {
    // forgotten
  }
  return base;
}

export class VoiceController {
  channel: VoiceChannelRef | null = null;
  call: VoiceCall | null = null;
  joining = false;
  error: string | null = null;
  /** the server answered that it has no media server */
  unavailable = false;
  prefs: VoicePrefs;
  version = 0;
  private readonly listeners = new Set<() => void>();
  private offCall: (() => void) | null = null;
  private readonly api: typeof voiceApi;

  constructor(private readonly deps: ControllerDeps) {
    this.api = deps.api ?? voiceApi;
    this.prefs = loadPrefs(deps.storage);
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private savePrefs(next: Partial<VoicePrefs>): void {
    this.prefs = { ...this.prefs, ...next };
    this.deps.storage?.setItem(PREFS_KEY, JSON.stringify(this.prefs));
  }

  /** Joins a voice channel (leaving the current one, which the server does as part of the join). */
  async join(channel: VoiceChannelRef): Promise<void> {
    if (this.channel?.id === channel.id && this.call && this.call.status !== 'failed') return;
    this.endCall();
    this.channel = channel;
    this.joining = true;
    this.error = null;
    this.changed();
    const body = { self_mute: this.prefs.selfMute, self_deaf: this.prefs.selfDeaf };
    try {
      let first: VoiceCredentials | null = await this.api.join(channel.id, body);
      if (this.channel !== channel) return;
      this.unavailable = false;
      const call = this.deps.createCall({
        userId: this.deps.userId,
        channelId: channel.id,
        // the first credentials are these; a lost session asks again
        credentials: () => {
          const creds = first;
          first = null;
          return creds ? Promise.resolve(creds) : this.api.join(channel.id, body);
        },
        inputDeviceId: this.prefs.inputDeviceId || undefined,
        outputDeviceId: this.prefs.outputDeviceId || undefined,
        resolveUrl: this.deps.resolveUrl,
      });
      call.setSelf({ mute: this.prefs.selfMute, deaf: this.prefs.selfDeaf });
      const vs = first.voice_state;
      if (vs) call.setServer({ mute: vs.mute || !!vs.suppress, deaf: vs.deaf });
      this.call = call;
      this.offCall = call.subscribe(() => this.changed());
      this.changed();
      await call.start();
    } catch (err) {
      if (this.channel !== channel) return;
      if (err instanceof ApiError && err.code === 'voice_unavailable') {
        this.unavailable = true;
        this.error = VOICE_UNAVAILABLE;
      } else this.error = errorMessage(err);
      const joinedOnServer = this.call !== null;
      this.endCall();
      this.channel = null;
      if (joinedOnServer) void this.api.leave(channel.id).catch(() => undefined);
    } finally {
      if (this.channel === channel || this.channel === null) this.joining = false;
      this.changed();
    }
  }

  /** Leaves the call (and tells the server). */
  async leave(): Promise<void> {
    const channel = this.channel;
    this.endCall();
    this.channel = null;
    this.joining = false;
    this.changed();
    if (channel) await this.api.leave(channel.id).catch(() => undefined);
  }

  private endCall(): void {
    this.offCall?.();
    this.offCall = null;
    this.call?.end();
    this.call = null;
  }

  private tell(body: SelfVoice): void {
    if (this.channel) void this.api.updateSelf(body).catch(() => undefined);
  }

  toggleMute(): void {
    // unmuting while deafened undeafens too, as people expect
    if (this.prefs.selfDeaf && this.prefs.selfMute) return this.setSelf({ selfMute: false, selfDeaf: false });
    this.setSelf({ selfMute: !this.prefs.selfMute });
  }

  toggleDeaf(): void {
    const deaf = !this.prefs.selfDeaf;
    this.setSelf({ selfDeaf: deaf, selfMute: deaf ? true : this.prefs.selfMute });
  }

  private setSelf(next: { selfMute?: boolean; selfDeaf?: boolean }): void {
    this.savePrefs(next);
    this.call?.setSelf({ mute: this.prefs.selfMute, deaf: this.prefs.selfDeaf });
    this.tell({ self_mute: this.prefs.selfMute, self_deaf: this.prefs.selfDeaf });
    this.changed();
  }

  async setCamera(on: boolean): Promise<void> {
    if (!this.call) return;
    try {
      await this.call.setCamera(on);
      this.tell({ self_video: on });
    } catch (err) {
      this.error = errorMessage(err);
    }
    this.changed();
  }

  async setScreen(on: boolean): Promise<void> {
    if (!this.call) return;
    try {
      await this.call.setScreen(on);
      this.tell({ self_stream: on });
    } catch (err) {
      // the user closing the picker is not an error worth showing
      if (!(err instanceof DOMException && err.name === 'NotAllowedError')) this.error = errorMessage(err);
    }
    this.changed();
  }

  async setInputDevice(deviceId: string): Promise<void> {
    this.savePrefs({ inputDeviceId: deviceId });
    await this.call?.setInputDevice(deviceId).catch((err: unknown) => (this.error = errorMessage(err)));
    this.changed();
  }

  setOutputDevice(deviceId: string): void {
    this.savePrefs({ outputDeviceId: deviceId });
    this.call?.setOutputDevice(deviceId);
    this.changed();
  }

  /** A VOICE_STATE_UPDATE about anyone; the ones about the caller may end, move or mute the call. */
  onState(state: VoiceState): void {
    if (state.user_id !== this.deps.userId || !this.channel || this.joining) return;
    if (state.server_id !== this.channel.serverId) return;
    if (!state.channel_id) {
      // disconnected by a moderator, or dropped by the server
      this.endCall();
      this.channel = null;
      this.changed();
      return;
    }
    if (state.channel_id !== this.channel.id) {
      void this.join({ id: state.channel_id, serverId: state.server_id });
      return;
    }
    this.call?.setServer({ mute: state.mute || state.suppress, deaf: state.deaf });
  }

  /** The page is going away: hang up the media at once (the server drops the state on its own). */
  dispose(): void {
    this.endCall();
  }
}
