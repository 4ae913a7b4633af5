/**
 * One voice call: the microphone (and camera, and a shared screen) published to the channel's
 * VideoRoom, everyone else received through one subscriber, their audio played (per-user volume,
 * the chosen output device, silenced when deafened), speaking levels, and recovery: a failed
 * feed is published again, a failed subscription is made again, and a lost Janus session
 * restarts the call with fresh credentials.
 */
import { JanusSession, type JanusSocket } from './janus-session.ts';
import {
  Publisher,
  Subscriber,
  type FeedKind,
  type RemoteTrack,
  type RoomAccess,
  type RoomFeed,
} from './videoroom.ts';
import { LevelMeter, remoteLevel } from './levels.ts';

/** What POST /api/channels/:cid/voice answers (the fields the client uses). */
export interface VoiceCredentials {
  url: string;
  token?: string;
  room: number | string;
  room_token?: string;
  ice_servers?: RTCIceServer[];
  expires_at?: string;
}

export type CallStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'ended';

export interface CallOptions {
  userId: string;
  channelId: string;
  /** asks the server for (fresh) credentials: on start and after a lost session */
  credentials: () => Promise<VoiceCredentials>;
  inputDeviceId?: string;
  outputDeviceId?: string;
  bitrate?: number;
  openSocket?: (url: string) => JanusSocket;
  /** an absolute ws(s) URL for the path the server answered */
  resolveUrl?: (url: string) => string;
}

const SPEAKING = 0.02;
const RETRY_MS = [500, 1000, 2000, 4000, 8000];

export class VoiceCall {
  status: CallStatus = 'connecting';
  error: string | null = null;
  /** tracks received, by user */
  remote: RemoteTrack[] = [];
  /** 0..1 audio level by user id (the caller's own under its id) */
  levels: Record<string, number> = {};
  selfMute = false;
  selfDeaf = false;
  /** set by the server (a moderator) */
  serverMute = false;
  serverDeaf = false;
  camera: MediaStream | null = null;
  screen: MediaStream | null = null;
  /** bumped on every change, for useSyncExternalStore */
  version = 0;

  private session: JanusSession | null = null;
  private mic: MediaStream | null = null;
  private meter: LevelMeter | null = null;
  private publishers = new Map<FeedKind, Publisher>();
  private subscriber: Subscriber | null = null;
  private access: RoomAccess | null = null;
  private feeds = new Map<number, RoomFeed>();
  private audio = new Map<string, HTMLAudioElement>();
  private volumes = new Map<string, number>();
  private outputDeviceId: string | undefined;
  private poll: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<() => void>();
  private ended = false;
  private attempt = 0;
  private generation = 0;

  constructor(private readonly opts: CallOptions) {
    this.outputDeviceId = opts.outputDeviceId;
  }

  get channelId(): string {
    return this.opts.channelId;
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Opens the microphone and joins; resolves once the call is up (or rejects with why not). */
  async start(): Promise<void> {
    this.mic = await navigator.mediaDevices.getUserMedia({ audio: this.audioConstraints() });
    this.meter = new LevelMeter(this.mic);
    this.poll = setInterval(() => this.sample(), 200);
    await this.connect();
  }

  private audioConstraints(): MediaTrackConstraints {
    return {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      ...(this.opts.inputDeviceId ? { deviceId: { exact: this.opts.inputDeviceId } } : {}),
    };
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    const creds = await this.opts.credentials();
    if (this.ended || gen !== this.generation) return;
    const url = this.opts.resolveUrl ? this.opts.resolveUrl(creds.url) : creds.url;
    const session = new JanusSession({ url, token: creds.token, openSocket: this.opts.openSocket });
    this.session = session;
    this.access = { room: creds.room, roomToken: creds.room_token, iceServers: creds.ice_servers ?? [] };
    session.onLost(() => this.recover(gen));
    session.onState((s) => {
      this.status = s === 'connected' ? 'connected' : 'reconnecting';
      this.changed();
    });
    await session.connect();
    const { feeds } = await this.publish('audio', this.mic!, gen);
    this.subscriber = this.newSubscriber(gen);
    this.onRoom(feeds, []);
    // the camera or screen that was on before a restart comes back with it
    if (this.camera) await this.publish('camera', this.camera, gen).catch(() => undefined);
    if (this.screen) await this.publish('screen', this.screen, gen).catch(() => undefined);
    this.status = 'connected';
    this.attempt = 0;
    this.applyMute();
    this.changed();
  }

  private async publish(kind: FeedKind, stream: MediaStream, gen: number) {
    const result = await Publisher.start(
      this.session!,
      this.access!,
      this.opts.userId,
      kind,
      stream,
      {
        room: kind === 'audio' ? (joined, gone) => this.onRoom(joined, gone) : undefined,
        failed: () => this.republish(kind, gen),
      },
      kind === 'audio' ? this.opts.bitrate : undefined,
    );
    if (gen !== this.generation || this.ended) {
      result.publisher.stop();
      return result;
    }
    this.publishers.get(kind)?.stop();
    this.publishers.set(kind, result.publisher);
    if (kind === 'audio') this.applyMute();
    return result;
  }

  private newSubscriber(gen: number): Subscriber {
    return new Subscriber(this.session!, this.access!, undefined, {
      tracks: (tracks) => this.onTracks(tracks),
      failed: () => this.resubscribe(gen),
    });
  }

  private onRoom(joined: RoomFeed[], gone: number[]): void {
    for (const f of joined) if (f.userId !== this.opts.userId) this.feeds.set(f.id, f);
    for (const id of gone) this.feeds.delete(id);
    this.subscriber?.set([...this.feeds.keys()]).catch(() => undefined);
  }

  private onTracks(tracks: RemoteTrack[]): void {
    this.remote = tracks;
    const audioUsers = new Set<string>();
    for (const t of tracks) {
      if (t.kind !== 'audio' || t.track.kind !== 'audio') continue;
      audioUsers.add(t.userId);
      let el = this.audio.get(t.userId);
      if (!el) {
        el = new Audio();
        el.autoplay = true;
        this.audio.set(t.userId, el);
      }
      const current = el.srcObject as MediaStream | null;
      if (current?.getAudioTracks()[0] !== t.track) {
        el.srcObject = new MediaStream([t.track]);
        void el.play().catch(() => undefined);
      }
      this.applyOutput(t.userId, el);
    }
    for (const [uid, el] of this.audio)
      if (!audioUsers.has(uid)) {
        el.srcObject = null;
        this.audio.delete(uid);
      }
    this.changed();
  }

  private applyOutput(userId: string, el: HTMLAudioElement): void {
    el.volume = Math.min(1, this.volumes.get(userId) ?? 1);
    el.muted = this.selfDeaf || this.serverDeaf;
    const sink = el as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (this.outputDeviceId !== undefined && sink.setSinkId)
      void sink.setSinkId(this.outputDeviceId).catch(() => undefined);
  }

  /** Sends the microphone only when nobody muted it; no packets at all when muted. */
  private applyMute(): void {
    const sender = this.publishers.get('audio')?.sender('audio');
    const track = this.mic?.getAudioTracks()[0] ?? null;
    const silent = this.selfMute || this.selfDeaf || this.serverMute || this.serverDeaf;
    if (sender && sender.track !== (silent ? null : track)) void sender.replaceTrack(silent ? null : track);
  }

  setSelf(state: { mute?: boolean; deaf?: boolean }): void {
    if (state.mute !== undefined) this.selfMute = state.mute;
    if (state.deaf !== undefined) this.selfDeaf = state.deaf;
    this.refresh();
  }

  setServer(state: { mute: boolean; deaf: boolean }): void {
    this.serverMute = state.mute;
    this.serverDeaf = state.deaf;
    this.refresh();
  }

  private refresh(): void {
    this.applyMute();
    for (const [uid, el] of this.audio) this.applyOutput(uid, el);
    this.changed();
  }

  setVolume(userId: string, volume: number): void {
    this.volumes.set(userId, volume);
    const el = this.audio.get(userId);
    if (el) this.applyOutput(userId, el);
    this.changed();
  }

  volumeOf(userId: string): number {
    return this.volumes.get(userId) ?? 1;
  }

  /** Another microphone, swapped into the running call without renegotiating. */
  async setInputDevice(deviceId: string): Promise<void> {
    this.opts.inputDeviceId = deviceId || undefined;
    const next = await navigator.mediaDevices.getUserMedia({ audio: this.audioConstraints() });
    this.mic?.getTracks().forEach((t) => t.stop());
    this.mic = next;
    this.meter?.close();
    this.meter = new LevelMeter(next);
    const sender = this.publishers.get('audio')?.sender('audio');
    if (sender) await sender.replaceTrack(null);
    this.applyMute();
    this.changed();
  }

  setOutputDevice(deviceId: string): void {
    this.outputDeviceId = deviceId;
    for (const [uid, el] of this.audio) this.applyOutput(uid, el);
    this.changed();
  }

  async setCamera(on: boolean, deviceId?: string): Promise<void> {
    if (!on) return this.stopFeed('camera');
    const stream = await navigator.mediaDevices.getUserMedia({
      video: deviceId ? { deviceId: { exact: deviceId } } : { width: 640, height: 360 },
    });
    await this.startFeed('camera', stream);
  }

  async setScreen(on: boolean): Promise<void> {
    if (!on) return this.stopFeed('screen');
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    stream.getVideoTracks()[0]?.addEventListener('ended', () => void this.stopFeed('screen'));
    await this.startFeed('screen', stream);
  }

  private async startFeed(kind: 'camera' | 'screen', stream: MediaStream): Promise<void> {
    this[kind]?.getTracks().forEach((t) => t.stop());
    this[kind] = stream;
    this.changed();
    try {
      if (this.session && this.status === 'connected') await this.publish(kind, stream, this.generation);
    } catch (err) {
      stream.getTracks().forEach((t) => t.stop());
      this[kind] = null;
      this.changed();
      throw err;
    }
  }

  private stopFeed(kind: 'camera' | 'screen'): Promise<void> {
    this.publishers.get(kind)?.stop();
    this.publishers.delete(kind);
    this[kind]?.getTracks().forEach((t) => t.stop());
    this[kind] = null;
    this.changed();
    return Promise.resolve();
  }

  /** A feed's media connection failed: publish it again on the same session. */
  private republish(kind: FeedKind, gen: number): void {
    if (this.ended || gen !== this.generation) return;
    const stream = kind === 'audio' ? this.mic : this[kind];
    if (!stream) return;
    this.publishers.get(kind)?.stop();
    this.publishers.delete(kind);
    this.status = 'reconnecting';
    this.changed();
    void this.retry(gen, async () => {
      await this.publish(kind, stream, gen);
      this.status = 'connected';
      this.changed();
    });
  }

  private resubscribe(gen: number): void {
    if (this.ended || gen !== this.generation) return;
    this.subscriber?.stop();
    this.subscriber = this.newSubscriber(gen);
    this.onTracks([]);
    void this.retry(gen, () => this.subscriber!.set([...this.feeds.keys()]));
  }

  /** The Janus session is gone: start over with fresh credentials. */
  private recover(gen: number): void {
    if (this.ended || gen !== this.generation) return;
    this.teardownMedia();
    this.status = 'reconnecting';
    this.changed();
    void this.retry(gen, () => this.connect(), true);
  }

  private async retry(gen: number, step: () => Promise<void>, whole = false): Promise<void> {
    for (;;) {
      const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
      this.attempt++;
      await new Promise((r) => setTimeout(r, delay));
      if (this.ended || (!whole && gen !== this.generation)) return;
      try {
        await step();
        return;
      } catch (err) {
        if (this.attempt > 8) {
          this.status = 'failed';
          this.error = err instanceof Error ? err.message : String(err);
          this.changed();
          return;
        }
        if (whole) this.teardownMedia();
      }
    }
  }

  private teardownMedia(): void {
    for (const p of this.publishers.values()) p.stop();
    this.publishers.clear();
    this.subscriber?.stop();
    this.subscriber = null;
    this.feeds.clear();
    this.session?.destroy();
    this.session = null;
    this.onTracks([]);
  }

  private sample(): void {
    const next: Record<string, number> = {};
    const silent = this.selfMute || this.selfDeaf || this.serverMute || this.serverDeaf;
    next[this.opts.userId] = this.meter && !silent ? this.meter.level() : 0;
    for (const t of this.remote)
      if (t.kind === 'audio') next[t.userId] = Math.max(next[t.userId] ?? 0, remoteLevel(t.receiver));
    const before = this.levels;
    const speakingChanged = Object.keys({ ...before, ...next }).some(
      (k) => (before[k] ?? 0) > SPEAKING !== (next[k] ?? 0) > SPEAKING,
    );
    this.levels = next;
    // the UI hears only when someone starts or stops (the input meter reads inputLevel itself)
    if (speakingChanged) this.changed();
  }

  /** the caller's microphone level, 0..1 (for the input meter) */
  inputLevel(): number {
    return this.meter?.level() ?? 0;
  }

  isSpeaking(userId: string): boolean {
    return (this.levels[userId] ?? 0) > SPEAKING;
  }

  /** the PeerConnections of the call (for diagnostics and tests) */
  peerConnections(): RTCPeerConnection[] {
    const out = [...this.publishers.values()].map((p) => p.pc);
    if (this.subscriber?.pc) out.push(this.subscriber.pc);
    return out;
  }

  /** Leaves the room and releases every device. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.generation++;
    if (this.poll) clearInterval(this.poll);
    this.teardownMedia();
    this.meter?.close();
    for (const s of [this.mic, this.camera, this.screen]) s?.getTracks().forEach((t) => t.stop());
    this.mic = this.camera = this.screen = null;
    this.status = 'ended';
    this.changed();
  }
}
