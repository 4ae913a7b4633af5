/**
 * The two VideoRoom roles over a JanusSession: a publisher (one feed: the microphone, the camera
 * or a shared screen, each its own PeerConnection so turning one on or off renegotiates nothing
 * else) and the one subscriber that receives every other feed as streams of a single
 * PeerConnection (Janus 1.x multistream), answering each offer Janus makes as feeds come and go.
 */
import type { JanusHandle, JanusJsep, JanusSession, PluginEvent } from './janus-session.ts';

export const VIDEOROOM = 'janus.plugin.videoroom';

export type FeedKind = 'audio' | 'camera' | 'screen';

/** A publisher in the room as the room announces it. */
export interface RoomFeed {
  id: number;
  userId: string;
  kind: FeedKind;
}

export interface RoomAccess {
  room: number | string;
  /** a VideoRoom room token, when the room is protected by `allowed` tokens */
  roomToken?: string;
  iceServers: RTCIceServer[];
}

/** `display` carries the user id and the kind of feed: `<uid>` or `<uid>:camera` / `<uid>:screen`. */
export function displayOf(userId: string, kind: FeedKind): string {
  return kind === 'audio' ? userId : `${userId}:${kind}`;
}

export function parseDisplay(display: unknown): { userId: string; kind: FeedKind } | null {
  if (typeof display !== 'string' || !display) return null;
  const [userId, kind] = display.split(':');
  if (!userId) return null;
  if (kind === undefined) return { userId, kind: 'audio' };
  return kind === 'camera' || kind === 'screen' ? { userId, kind } : null;
}

/** The feeds a `joined` or room `event` lists. */
export function feedsOf(data: Record<string, unknown>): RoomFeed[] {
  const list = Array.isArray(data.publishers) ? (data.publishers as Record<string, unknown>[]) : [];
  const out: RoomFeed[] = [];
  for (const p of list) {
    const who = parseDisplay(p.display);
    if (who && typeof p.id === 'number') out.push({ id: p.id, ...who });
  }
  return out;
}

/** The feed ids a room event says have gone. */
export function goneOf(data: Record<string, unknown>): number[] {
  const out: number[] = [];
  for (const key of ['unpublished', 'leaving', 'kicked'])
    if (typeof data[key] === 'number') out.push(data[key]);
  return out;
}

function watchIce(pc: RTCPeerConnection, handle: JanusHandle): void {
  pc.onicecandidate = (e) => handle.trickle(e.candidate ? e.candidate.toJSON() : null);
}

export interface PublisherEvents {
  /** the room's other feeds changed (only the microphone publisher reports them) */
  room?: (joined: RoomFeed[], gone: number[]) => void;
  /** the media connection failed or Janus hung it up */
  failed?: () => void;
}

/** One published feed. */
export class Publisher {
  feedId = 0;
  private constructor(
    readonly kind: FeedKind,
    readonly pc: RTCPeerConnection,
    private readonly handle: JanusHandle,
  ) {}

  /** Joins the room as a publisher of `stream`; answers the feeds already there. */
  static async start(
    session: JanusSession,
    access: RoomAccess,
    userId: string,
    kind: FeedKind,
    stream: MediaStream,
    events: PublisherEvents,
    bitrate?: number,
  ): Promise<{ publisher: Publisher; feeds: RoomFeed[] }> {
    let self: Publisher | null = null;
    const handle = await session.attach(VIDEOROOM, {
      event: (ev: PluginEvent) => {
        if (ev.data.videoroom !== 'event') return;
        const joined = feedsOf(ev.data);
        const gone = goneOf(ev.data);
        if (joined.length || gone.length) events.room?.(joined, gone);
      },
      hangup: () => events.failed?.(),
    });
    try {
      const joined = await handle.send({
        request: 'join',
        ptype: 'publisher',
        room: access.room,
        display: displayOf(userId, kind),
        ...(access.roomToken ? { token: access.roomToken } : {}),
      });
      const pc = new RTCPeerConnection({ iceServers: access.iceServers });
      self = new Publisher(kind, pc, handle);
      self.feedId = Number(joined.data.id);
      watchIce(pc, handle);
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'failed') events.failed?.();
      };
      for (const track of stream.getTracks())
        pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      const published = await handle.send(
        {
          request: 'publish',
          ...(bitrate ? { bitrate } : {}),
          descriptions: pc.getTransceivers().map((t) => ({ mid: t.mid, description: kind })),
        },
        { type: 'offer', sdp: offer.sdp ?? '' },
      );
      if (!published.jsep) throw new Error('the media server sent no answer');
      await pc.setRemoteDescription(published.jsep);
      return { publisher: self, feeds: feedsOf(joined.data) };
    } catch (err) {
      self?.pc.close();
      handle.detach();
      throw err;
    }
  }

  /** The sender of one kind of track, to swap or silence it without renegotiating. */
  sender(kind: 'audio' | 'video'): RTCRtpSender | undefined {
    return this.pc.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;
  }

  stop(): void {
    this.pc.close();
    this.handle.detach();
  }
}

/** One stream the subscriber receives, as Janus describes it. */
interface SubStream {
  mid: string;
  type: string;
  feedId: number;
  userId: string;
  kind: FeedKind;
  active: boolean;
}

/** A track received from another participant. */
export interface RemoteTrack {
  userId: string;
  kind: FeedKind;
  feedId: number;
  track: MediaStreamTrack;
  receiver: RTCRtpReceiver;
}

export interface SubscriberEvents {
  tracks: (tracks: RemoteTrack[]) => void;
  failed: () => void;
}

/** Receives every other feed in the room over one PeerConnection. */
export class Subscriber {
  private handle: JanusHandle | null = null;
  pc: RTCPeerConnection | null = null;
  private streams = new Map<string, SubStream>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** the feeds we asked for and Janus still sends */
  readonly feeds = new Set<number>();

  constructor(
    private readonly session: JanusSession,
    private readonly access: RoomAccess,
    private readonly privateId: number | undefined,
    private readonly events: SubscriberEvents,
  ) {}

  /** Asks for these feeds (and only these) from now on; calls run one after another. */
  set(wanted: number[]): Promise<void> {
    const next = this.queue.then(() => this.apply(wanted));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(wanted: number[]): Promise<void> {
    if (this.stopped) return;
    const add = wanted.filter((f) => !this.feeds.has(f));
    const remove = [...this.feeds].filter((f) => !wanted.includes(f));
    if (!this.handle) {
      if (!add.length) return;
      await this.join(add);
      return;
    }
    if (add.length) await this.negotiate({ request: 'subscribe', streams: add.map((feed) => ({ feed })) });
    if (remove.length)
      await this.negotiate({ request: 'unsubscribe', streams: remove.map((feed) => ({ feed })) }).catch(
        () => undefined,
      );
  }

  private async join(feeds: number[]): Promise<void> {
    const handle = await this.session.attach(VIDEOROOM, {
      // Janus renegotiates by itself when a feed we receive goes away
      event: (ev) => {
        if (ev.jsep?.type === 'offer') {
          this.queue = this.queue.then(() => this.answer(ev)).catch(() => this.events.failed());
        } else if (Array.isArray(ev.data.streams)) this.learn(ev.data.streams as Record<string, unknown>[]);
      },
      hangup: () => this.events.failed(),
    });
    this.handle = handle;
    const pc = new RTCPeerConnection({ iceServers: this.access.iceServers });
    this.pc = pc;
    watchIce(pc, handle);
    pc.ontrack = () => this.report();
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') this.events.failed();
    };
    const attached = await handle.send({
      request: 'join',
      ptype: 'subscriber',
      room: this.access.room,
      streams: feeds.map((feed) => ({ feed })),
      ...(this.privateId ? { private_id: this.privateId } : {}),
      ...(this.access.roomToken ? { token: this.access.roomToken } : {}),
    });
    await this.answer(attached);
  }

  private async negotiate(body: Record<string, unknown>): Promise<void> {
    const res = await this.handle!.send(body);
    if (res.jsep?.type === 'offer') await this.answer(res);
    else if (Array.isArray(res.data.streams)) this.learn(res.data.streams as Record<string, unknown>[]);
  }

  /** Takes Janus' offer (with its stream list) and starts or updates the subscription. */
  private async answer(ev: PluginEvent): Promise<void> {
    if (Array.isArray(ev.data.streams)) this.learn(ev.data.streams as Record<string, unknown>[]);
    const pc = this.pc;
    if (!pc || !ev.jsep || this.stopped) return;
    await pc.setRemoteDescription(ev.jsep);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    const jsep: JanusJsep = { type: 'answer', sdp: answer.sdp ?? '' };
    await this.handle!.send({ request: 'start' }, jsep);
    this.report();
  }

  private learn(list: Record<string, unknown>[]): void {
    const next = new Map<string, SubStream>();
    this.feeds.clear();
    for (const s of list) {
      const who = parseDisplay(s.feed_display);
      const feedId = Number(s.feed_id);
      const active = s.active !== false && !!who && Number.isFinite(feedId);
      if (!who || typeof s.mid !== 'string') continue;
      next.set(s.mid, { mid: s.mid, type: String(s.type), feedId, ...who, active });
      if (active) this.feeds.add(feedId);
    }
    this.streams = next;
    this.report();
  }

  private report(): void {
    if (!this.pc || this.stopped) return;
    const out: RemoteTrack[] = [];
    for (const t of this.pc.getTransceivers()) {
      const s = t.mid ? this.streams.get(t.mid) : undefined;
      if (!s?.active || t.currentDirection === 'inactive' || t.currentDirection === 'stopped') continue;
      out.push({
        userId: s.userId,
        kind: s.kind,
        feedId: s.feedId,
        track: t.receiver.track,
        receiver: t.receiver,
      });
    }
    this.events.tracks(out);
  }

  stop(): void {
    this.stopped = true;
    this.pc?.close();
    this.handle?.detach();
    this.handle = null;
    this.pc = null;
  }
}
