/**
 * One voice call: the microphone (and camera, and a shared screen) published to the channel's
 * VideoRoom, everyone else received through one subscriber, their audio played (per-user volume,
 * the chosen output device, silenced when deafened), speaking levels, fresh credentials before
 * they expire, and recovery: a failed publisher is published again, a failed subscription is
 * made again, and a lost Janus session (or a kick from the room) restarts the call with fresh
 * credentials.
 */
import { JanusSession, type JanusSocket } from './janus-session.ts';
import {
  Publisher,
  Subscriber,
  type FeedId,
  type RemoteTrack,
  type RoomAccess,
  type RoomFeed,
} from './videoroom.ts';
import { LevelMeter, RemoteLevels } from './levels.ts';

/** What POST /api/channels/:cid/voice answers (the fields the client uses). */
export interface VoiceCredentials {
  /** the signalling WebSocket (a path on the Edge carrying the join token) */
  url: string;
  /** Janus API token, sent with every Janus request */
  token?: string;
  /** VideoRoom join token */
  join_token?: string;
  room: number | string;
  /** the publisher id the server admitted */
  participant_id?: string;
  ice_servers?: RTCIceServer[];
  expires_at?: string;
  bitrate?: number;
  /** the caller's state after the join (a standing server mute applies at once) */
  voice_state?: { mute: boolean; deaf: boolean; suppress?: boolean };
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

/** RMS amplitude over a read interval above which someone is shown speaking (−34 dBFS) */
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
  private readonly remoteLevels = new RemoteLevels();
  /** a levels read is under way (getStats is asynchronous; reads never overlap) */
  private sampling = false;
  private publisher: Publisher | null = null;
  private subscriber: Subscriber | null = null;
  private access: RoomAccess | null = null;
  private bitrate: number | undefined;
  private feeds = new Map<string, RoomFeed>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private audio = new Map<string, HTMLAudioElement>();
  private volumes = new Map<string, number>();
  private outputDeviceId: string | undefined;
  private poll: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<() => void>();
  private ended = false;
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
    this.poll = setInterval(() => void this.sample(), 200);
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
    const session = new JanusSession({
      url: this.urlOf(creds),
      token: creds.token,
      openSocket: this.opts.openSocket,
    });
    this.session = session;
    this.access = {
      room: creds.room,
      joinToken: creds.join_token,
      participantId: creds.participant_id,
      iceServers: creds.ice_servers ?? [],
    };
    this.bitrate = creds.bitrate ?? this.opts.bitrate;
    session.onLost(() => this.recover(gen));
    session.onState((s) => {
      this.status = s === 'connected' ? 'connected' : 'reconnecting';
      this.changed();
    });
    await session.connect();
    await this.publish(gen);
    this.subscriber = this.newSubscriber(gen);
    // the feeds known since the publisher joined
    this.onRoom([], []);
    this.status = 'connected';
    this.scheduleRefresh(creds, gen);
    this.changed();
  }

  private urlOf(creds: VoiceCredentials): string {
    return this.opts.resolveUrl ? this.opts.resolveUrl(creds.url) : creds.url;
  }

  /** Asks for new tokens a minute before these expire; the running session takes them. */
  private scheduleRefresh(creds: VoiceCredentials, gen: number): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const expires = creds.expires_at ? Date.parse(creds.expires_at) : NaN;
    if (!Number.isFinite(expires)) return;
    const wait = Math.max(5_000, expires - Date.now() - 60_000);
    this.refreshTimer = setTimeout(() => {
      if (this.ended || gen !== this.generation) return;
      this.opts
        .credentials()
        .then((next) => {
          if (this.ended || gen !== this.generation) return;
          this.session?.update({ url: this.urlOf(next), token: next.token });
          this.scheduleRefresh(next, gen);
        })
        .catch(() => this.scheduleRefresh(creds, gen));
    }, wait);
  }

  /**
   * Publishes the microphone (and the camera or screen that was on). The join's list of
   * publishers replaces the feeds known: events the old handle would have had (a feed gone, or
   * published again under the same id while this one was down) never reached it.
   */
  private async publish(gen: number): Promise<void> {
    const mic = this.mic!.getAudioTracks()[0]!;
    const publisher = await Publisher.start(
      this.session!,
      this.access!,
      this.opts.userId,
      mic,
      {
        joined: (feeds) => {
          if (gen === this.generation && !this.ended) this.replaceFeeds(feeds);
        },
        room: (joined, gone) => this.onRoom(joined, gone),
        failed: () => this.republish(gen),
        // moved or disconnected by a moderator (the voice state says which), or an old admission
        kicked: () => setTimeout(() => this.recover(gen), 1500),
      },
      this.bitrate,
    );
    if (gen !== this.generation || this.ended) {
      publisher.stop();
      return;
    }
    this.publisher?.stop();
    this.publisher = publisher;
    this.applyMute();
    // the camera or screen that was on before a restart comes back with it
    for (const kind of ['camera', 'screen'] as const) {
      const track = this[kind]?.getVideoTracks()[0];
      if (track) await publisher.setVideo(kind, track).catch(() => undefined);
    }
  }

  private newSubscriber(gen: number): Subscriber {
    return new Subscriber(this.session!, this.access!, {
      tracks: (tracks) => this.onTracks(tracks),
      failed: () => this.resubscribe(gen),
    });
  }

  private onRoom(joined: RoomFeed[], gone: FeedId[]): void {
    const mine = this.publisher?.id;
    for (const f of joined)
      if (f.userId !== this.opts.userId && String(f.id) !== String(mine)) {
        this.feeds.set(String(f.id), f);
        this.subscriber?.forgive(f.id);
      }
    for (const id of gone) this.feeds.delete(String(id));
    const gen = this.generation;
    // a feed that went meanwhile, say: the retry asks the room who still publishes
    this.subscribeAll().catch(() => void this.retry(gen, () => this.resync()));
  }

  /**
   * Subscribes again after a failure, first forgetting feeds the room no longer has (a Janus
   * subscription naming one gone feed fails whole, and its `leaving` may have gone to a handle
   * since replaced).
   */
  private async resync(): Promise<void> {
    if (this.publisher && this.access) {
      const live = await this.publisher.livePublishers(this.access.room);
      for (const id of [...this.feeds.keys()]) if (!live.has(id)) this.feeds.delete(id);
    }
    await this.subscribeAll();
  }

  /** The room's publishers from a `joined` answer, replacing what was known. */
  private replaceFeeds(feeds: RoomFeed[]): void {
    const gone = [...this.feeds.keys()].filter((id) => !feeds.some((f) => String(f.id) === id));
    this.onRoom(feeds, gone);
  }

  private subscribeAll(): Promise<void> {
    // a server deafen takes the subscription away (see setServer)
    if (this.serverDeaf) return Promise.resolve();
    const wanted = [...this.feeds.values()].flatMap((f) =>
      f.streams.map((s) => ({ feed: f.id, mid: s.mid })),
    );
    return this.subscriber?.set(wanted) ?? Promise.resolve();
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
    const sender = this.publisher?.audioSender();
    const track = this.mic?.getAudioTracks()[0] ?? null;
    const silent = this.selfMute || this.selfDeaf || this.serverMute || this.serverDeaf;
    if (sender && sender.track !== (silent ? null : track)) void sender.replaceTrack(silent ? null : track);
  }

  setSelf(state: { mute?: boolean; deaf?: boolean }): void {
    if (state.mute !== undefined) this.selfMute = state.mute;
    if (state.deaf !== undefined) this.selfDeaf = state.deaf;
    this.refresh();
  }

  /**
   * A moderator's mute or deafen. A server deafen drops the subscription itself, so nothing
   * reaches this page any more, and it is made again on undeafen. (Janus cannot refuse the
   * subscription: see docs/OPERATIONS.md, Voice, "Server deafen".)
   */
  setServer(state: { mute: boolean; deaf: boolean }): void {
    const wasDeaf = this.serverDeaf;
    this.serverMute = state.mute;
    this.serverDeaf = state.deaf;
    if (state.deaf && !wasDeaf && this.subscriber) {
      this.subscriber.stop();
      this.subscriber = null;
      this.onTracks([]);
    } else if (!state.deaf && wasDeaf && this.session && this.access) {
      const gen = this.generation;
      this.subscriber ??= this.newSubscriber(gen);
      void this.retry(gen, () => this.resync());
    }
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
    const sender = this.publisher?.audioSender();
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
    const old = this[kind];
    this[kind] = stream;
    this.changed();
    try {
      await this.publisher?.setVideo(kind, stream.getVideoTracks()[0] ?? null);
      old?.getTracks().forEach((t) => t.stop());
    } catch (err) {
      stream.getTracks().forEach((t) => t.stop());
      this[kind] = old;
      this.changed();
      throw err;
    }
  }

  private async stopFeed(kind: 'camera' | 'screen'): Promise<void> {
    const stream = this[kind];
    if (!stream) return;
    this[kind] = null;
    this.changed();
    stream.getTracks().forEach((t) => t.stop());
    await this.publisher?.setVideo(kind, null).catch(() => undefined);
  }

  /** The publisher's media connection failed: publish again on the same session. */
  private republish(gen: number): void {
    if (this.ended || gen !== this.generation || !this.publisher) return;
    this.publisher.stop();
    this.publisher = null;
    this.status = 'reconnecting';
    this.changed();
    void this.retry(gen, async () => {
      await this.publish(gen);
      this.status = 'connected';
      this.changed();
    });
  }

  private resubscribe(gen: number): void {
    if (this.ended || gen !== this.generation) return;
    this.subscriber?.stop();
    this.subscriber = this.newSubscriber(gen);
    this.onTracks([]);
    void this.retry(gen, () => this.resync());
  }

  /** The Janus session is gone: start over with fresh credentials. */
  private recover(gen: number): void {
    if (this.ended || gen !== this.generation) return;
    this.teardownMedia();
    this.status = 'reconnecting';
    this.changed();
    void this.retry(gen, () => this.connect(), true);
  }

  /** Runs `step` until it succeeds, backing off; each recovery counts its own attempts. */
  private async retry(gen: number, step: () => Promise<void>, whole = false): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt - 1, RETRY_MS.length - 1)]));
      if (this.ended || (!whole && gen !== this.generation)) return;
      try {
        await step();
        return;
      } catch (err) {
        if (attempt > 8) {
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
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.publisher?.stop();
    this.publisher = null;
    this.subscriber?.stop();
    this.subscriber = null;
    this.feeds.clear();
    this.session?.destroy();
    this.session = null;
    this.onTracks([]);
  }

  private async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    const audio = this.remote.filter((t) => t.kind === 'audio');
    let remote: Map<RTCRtpReceiver, number>;
    try {
      remote = await this.remoteLevels.read(audio.map((t) => t.receiver));
    } finally {
      this.sampling = false;
    }
    if (this.ended) return;
    const next: Record<string, number> = {};
    const silent = this.selfMute || this.selfDeaf || this.serverMute || this.serverDeaf;
    // the microphone's RMS, on the same scale as the received levels (not the meter's square root)
    next[this.opts.userId] = this.meter && !silent ? this.meter.rms() : 0;
    for (const t of audio) next[t.userId] = Math.max(next[t.userId] ?? 0, remote.get(t.receiver) ?? 0);
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
    const out = this.publisher ? [this.publisher.pc] : [];
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
