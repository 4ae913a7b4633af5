/**
 * The two VideoRoom roles over a JanusSession (Janus 1.x multistream): the caller's one publisher
 * (under the participant id the server admitted: the microphone, plus a camera and a shared
 * screen added and removed by renegotiating), and the one subscriber that receives every other
 * publisher's streams over a single PeerConnection, answering each offer Janus makes as streams
 * come and go.
 */
import type { JanusHandle, JanusJsep, JanusSession, PluginEvent } from './janus-session.ts';

export const VIDEOROOM = 'janus.plugin.videoroom';

export type FeedKind = 'audio' | 'camera' | 'screen';
/** VideoRoom ids are strings with `string_ids` (twopointo's rooms) and numbers otherwise. */
export type FeedId = string | number;

/** One stream a publisher announces. */
export interface FeedStream {
  mid: string;
  kind: FeedKind;
}

/** A publisher in the room as the room announces it. */
export interface RoomFeed {
  id: FeedId;
  userId: string;
  streams: FeedStream[];
}

export interface RoomAccess {
  room: FeedId;
  /** the VideoRoom `join` token (the room's allowed list) */
  joinToken?: string;
  /** the id to publish under (the server kicks any other) */
  participantId?: FeedId;
  iceServers: RTCIceServer[];
}

const kindOf = (type: unknown, description: unknown): FeedKind | null =>
  type === 'audio' ? 'audio' : type === 'video' ? (description === 'screen' ? 'screen' : 'camera') : null;

/** The user behind a publisher: its display, else the `<uid>-<random>` participant id. */
export function userOf(display: unknown, id: unknown): string | null {
  if (typeof display === 'string' && display) return display;
  if (typeof id === 'string' && id.includes('-')) return id.slice(0, id.indexOf('-'));
  return null;
}

/** The publishers a `joined` or room `event` lists, with their live streams. */
export function feedsOf(data: Record<string, unknown>): RoomFeed[] {
  const list = Array.isArray(data.publishers) ? (data.publishers as Record<string, unknown>[]) : [];
  const out: RoomFeed[] = [];
  for (const p of list) {
    const userId = userOf(p.display, p.id);
    if (!userId || (typeof p.id !== 'number' && typeof p.id !== 'string')) continue;
    const streams: FeedStream[] = [];
    for (const s of Array.isArray(p.streams) ? (p.streams as Record<string, unknown>[]) : []) {
      const kind = kindOf(s.type, s.description);
      if (kind && typeof s.mid === 'string' && s.disabled !== true) streams.push({ mid: s.mid, kind });
    }
    out.push({ id: p.id, userId, streams });
  }
  return out;
}

/** The publisher ids a room event says have gone. */
export function goneOf(data: Record<string, unknown>): FeedId[] {
  const out: FeedId[] = [];
  for (const key of ['unpublished', 'leaving', 'kicked']) {
    const v = data[key];
    if ((typeof v === 'number' || typeof v === 'string') && v !== 'ok') out.push(v);
  }
  return out;
}

function watchIce(pc: RTCPeerConnection, handle: JanusHandle): void {
  pc.onicecandidate = (e) => handle.trickle(e.candidate ? e.candidate.toJSON() : null);
}

export interface PublisherEvents {
  /**
   * the room's publishers when the join was answered, before any later event of the handle:
   * the snapshot the events then update
   */
  joined: (feeds: RoomFeed[]) => void;
  /** publishers appeared (or changed their streams) or went away */
  room: (feeds: RoomFeed[], gone: FeedId[]) => void;
  /** the media connection failed or Janus hung it up */
  failed: () => void;
  /** a moderator kicked the caller out of the room */
  kicked: () => void;
}

/** The caller's publisher: one PeerConnection, audio first, video streams added on demand. */
export class Publisher {
  id: FeedId = 0;
  private readonly kinds = new Map<RTCRtpTransceiver, FeedKind>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly pc: RTCPeerConnection,
    private readonly handle: JanusHandle,
  ) {}

  /** Joins the room as a publisher of `mic`; answers the feeds already there. */
  static async start(
    session: JanusSession,
    access: RoomAccess,
    userId: string,
    mic: MediaStreamTrack,
    events: PublisherEvents,
    bitrate?: number,
  ): Promise<Publisher> {
    let self: Publisher | null = null;
    const handle = await session.attach(VIDEOROOM, {
      event: (ev: PluginEvent) => {
        if (ev.data.videoroom === 'event') {
          if (ev.data.leaving === 'ok' && ev.data.reason === 'kicked') return events.kicked();
          const feeds = feedsOf(ev.data);
          const gone = goneOf(ev.data);
          if (feeds.length || gone.length) events.room(feeds, gone);
        }
      },
      hangup: () => events.failed(),
      detached: () => events.kicked(),
    });
    try {
      const joined = await handle.send({
        request: 'join',
        ptype: 'publisher',
        room: access.room,
        display: userId,
        ...(access.participantId !== undefined ? { id: access.participantId } : {}),
        ...(access.joinToken ? { token: access.joinToken } : {}),
      });
      // at once, in the join answer's own task: a room event that follows it must apply on top
      events.joined(feedsOf(joined.data));
      const pc = new RTCPeerConnection({ iceServers: access.iceServers });
      self = new Publisher(pc, handle);
      self.id = joined.data.id as FeedId;
      watchIce(pc, handle);
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'failed') events.failed();
      };
      self.kinds.set(pc.addTransceiver(mic, { direction: 'sendonly' }), 'audio');
      await self.negotiate('publish', bitrate);
      return self;
    } catch (err) {
      self?.pc.close();
      handle.detach();
      throw err;
    }
  }

  private async negotiate(request: 'publish' | 'configure', bitrate?: number): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const descriptions = [...this.kinds]
      .filter(([t]) => t.mid)
      .map(([t, kind]) => ({ mid: t.mid, description: kind }));
    const res = await this.handle.send(
      { request, ...(bitrate ? { bitrate } : {}), descriptions },
      { type: 'offer', sdp: offer.sdp ?? '' },
    );
    if (!res.jsep) throw new Error('the media server sent no answer');
    await this.pc.setRemoteDescription(res.jsep);
  }

  /** The ids of the room's participants that publish right now (VideoRoom `listparticipants`). */
  async livePublishers(room: FeedId): Promise<Set<string>> {
    const data = await this.handle.sync({ request: 'listparticipants', room });
    const list = Array.isArray(data.participants) ? (data.participants as Record<string, unknown>[]) : [];
    return new Set(list.filter((p) => p.publisher === true).map((p) => String(p.id)));
  }

  /** The microphone's sender, to swap or silence the track without renegotiating. */
  audioSender(): RTCRtpSender | undefined {
    for (const [t, kind] of this.kinds) if (kind === 'audio') return t.sender;
    return undefined;
  }

  /** Starts, swaps or (with null) stops the camera or the screen, renegotiating with Janus. */
  setVideo(kind: 'camera' | 'screen', track: MediaStreamTrack | null): Promise<void> {
    const next = this.queue.then(() => this.applyVideo(kind, track));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyVideo(kind: 'camera' | 'screen', track: MediaStreamTrack | null): Promise<void> {
    const live = [...this.kinds].find(([t, k]) => k === kind && t.direction === 'sendonly')?.[0];
    if (track && live) return live.sender.replaceTrack(track);
    if (!track) {
      if (!live) return;
      await live.sender.replaceTrack(null);
      live.direction = 'inactive';
    } else {
      // an m-line given up earlier is used again, so the SDP does not grow with each toggle
      const spare = [...this.kinds].find(
        ([t]) => t.direction === 'inactive' && t.receiver.track.kind === 'video',
      )?.[0];
      if (spare) {
        this.kinds.set(spare, kind);
        spare.direction = 'sendonly';
        await spare.sender.replaceTrack(track);
      } else this.kinds.set(this.pc.addTransceiver(track, { direction: 'sendonly' }), kind);
    }
    await this.negotiate('configure');
  }

  stop(): void {
    this.pc.close();
    this.handle.detach();
  }
}

/** One stream the subscriber receives, as Janus describes it. */
interface SubStream {
  mid: string;
  feedId: FeedId;
  feedMid: string;
  userId: string;
  kind: FeedKind;
}

/** A track received from another participant. */
export interface RemoteTrack {
  userId: string;
  kind: FeedKind;
  /** `<feed>/<feed mid>`: stable while the stream lives */
  key: string;
  track: MediaStreamTrack;
  receiver: RTCRtpReceiver;
}

export interface SubscriberEvents {
  tracks: (tracks: RemoteTrack[]) => void;
  failed: () => void;
}

/** A stream of a feed, as the subscriber asks for it. */
export interface WantedStream {
  feed: FeedId;
  mid: string;
}

const keyOf = (feed: FeedId, mid: string) => `${String(feed)}/${mid}`;

/** Receives every other publisher in the room over one PeerConnection. */
export class Subscriber {
  private handle: JanusHandle | null = null;
  pc: RTCPeerConnection | null = null;
  /** by our mid */
  private streams = new Map<string, SubStream>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly refused = new Set<string>();

  constructor(
    private readonly session: JanusSession,
    private readonly access: RoomAccess,
    private readonly events: SubscriberEvents,
  ) {}

  /** Asks for exactly these streams from now on; calls run one after another. */
  set(wanted: WantedStream[]): Promise<void> {
    const next = this.queue.then(() => this.apply(wanted));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A feed was announced again: its streams may be asked for again. */
  forgive(feed: FeedId): void {
    for (const key of this.refused) if (key.startsWith(`${String(feed)}/`)) this.refused.delete(key);
  }

  private async apply(wanted: WantedStream[]): Promise<void> {
    if (this.stopped) return;
    const have = new Set([...this.streams.values()].map((s) => keyOf(s.feedId, s.feedMid)));
    const haveFeeds = new Set([...this.streams.values()].map((s) => String(s.feedId)));
    const want = new Set(wanted.map((w) => keyOf(w.feed, w.mid)));
    const add = wanted.filter(
      (w) => !have.has(keyOf(w.feed, w.mid)) && !this.refused.has(keyOf(w.feed, w.mid)),
    );
    const remove = [...this.streams.values()].filter((s) => !want.has(keyOf(s.feedId, s.feedMid)));
    // a feed not received yet is asked for whole (whatever streams it has now); a new stream of
    // a feed already received, by its mid
    const ask: { feed: FeedId; mid?: string }[] = [];
    const whole = new Set<string>();
    for (const w of add) {
      if (haveFeeds.has(String(w.feed))) ask.push(w);
      else if (!whole.has(String(w.feed))) {
        whole.add(String(w.feed));
        ask.push({ feed: w.feed });
      }
    }
    if (!this.handle) {
      if (ask.length) await this.join(ask);
      return;
    }
    try {
      if (ask.length) await this.negotiate({ request: 'subscribe', streams: ask });
    } catch (err) {
      // a stream the publisher no longer has is not asked for again until the feed is announced
      for (const w of ask) if (w.mid !== undefined) this.refused.add(keyOf(w.feed, w.mid));
      throw err;
    }
    if (remove.length)
      await this.negotiate({
        request: 'unsubscribe',
        streams: remove.map((s) => ({ feed: s.feedId, mid: s.feedMid })),
      }).catch(() => undefined);
  }

  private async join(streams: { feed: FeedId; mid?: string }[]): Promise<void> {
    const handle = await this.session.attach(VIDEOROOM, {
      // Janus renegotiates on its own when a stream we receive goes away
      event: (ev) => {
        if (ev.jsep?.type === 'offer') {
          const next = this.queue.then(() => this.answer(ev));
          this.queue = next.catch(() => this.events.failed());
        }
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
    try {
      const attached = await handle.send({
        request: 'join',
        ptype: 'subscriber',
        room: this.access.room,
        streams,
        ...(this.access.joinToken ? { token: this.access.joinToken } : {}),
      });
      await this.answer(attached);
    } catch (err) {
      // a feed gone meanwhile (say, republishing): start clean next time
      pc.close();
      handle.detach();
      this.handle = null;
      this.pc = null;
      this.streams.clear();
      throw err;
    }
  }

  private async negotiate(body: Record<string, unknown>): Promise<void> {
    const res = await this.handle!.send(body);
    if (res.jsep?.type === 'offer') await this.answer(res);
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
    for (const s of list) {
      const kind = kindOf(s.type, s.feed_description);
      const userId = userOf(s.feed_display, s.feed_id);
      const feedId = s.feed_id as FeedId | undefined;
      if (s.active === false || !kind || !userId || feedId === undefined) continue;
      if (typeof s.mid !== 'string' || typeof s.feed_mid !== 'string') continue;
      next.set(s.mid, { mid: s.mid, feedId, feedMid: s.feed_mid, userId, kind });
    }
    this.streams = next;
  }

  private report(): void {
    if (!this.pc || this.stopped) return;
    const out: RemoteTrack[] = [];
    for (const t of this.pc.getTransceivers()) {
      const s = t.mid ? this.streams.get(t.mid) : undefined;
      if (!s || t.currentDirection === 'inactive' || t.currentDirection === 'stopped') continue;
      out.push({
        userId: s.userId,
        kind: s.kind,
        key: keyOf(s.feedId, s.feedMid),
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
