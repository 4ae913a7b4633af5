/**
 * Janus rooms for voice channels: one VideoRoom per channel, on the Janus server rendezvous
 * hashing picks for the channel id, created on the first admission (with a secret only Official
 * knows, `signed_tokens`, and an allowed list of admissions) and destroyed when its last user
 * leaves. Janus failures become 503 voice_unavailable; a room Janus forgot (restart) is re-created.
 */
import { randomBytes } from 'node:crypto';
import { JanusError, pickServer, roomToken, VideoRoomControl, VideoRoomErrors } from '@twopointo/janus';
import { AppError } from '@twopointo/shared';
import type { RoomRecord, VoiceStateStore } from './voice-state.store.ts';

export interface RoomShape {
  /** bit/s cap for each publisher */
  bitrate: number;
  /** most publishers at once */
  publishers: number;
}

/** Default room shape for channels without their own (Discord's 64 kbit/s; 16 publishers). */
export const DEFAULT_BITRATE = 64_000;
export const DEFAULT_PUBLISHERS = 16;

export const voiceUnavailable = (message = 'Voice is not set up on this server') =>
  new AppError(503, 'voice_unavailable', message);

export class MediaRooms {
  private readonly controls = new Map<string, VideoRoomControl>();

  constructor(
    private readonly urls: readonly string[],
    private readonly tokenSecret: string,
    private readonly store: VoiceStateStore,
  ) {}

  /** The Janus server a channel's room lives on. */
  serverFor(channelId: string): string {
    const url = pickServer(this.urls, channelId);
    if (!url) throw voiceUnavailable();
    return url;
  }

  private control(url: string): VideoRoomControl {
    let c = this.controls.get(url);
    if (!c) {
      c = new VideoRoomControl(url, this.tokenSecret);
      this.controls.set(url, c);
    }
    return c;
  }

  /**
   * Makes sure the channel's room exists and admits a token minted for its room id (added to the
   * allowed list); returns the room id with what `mint` made.
   */
  async admit<T extends { join_token: string }>(
    channelId: string,
    shape: RoomShape,
    mint: (roomId: string) => T,
  ): Promise<{ roomId: string; minted: T }> {
    return this.janus(async () => {
      const room = await this.store.room(channelId);
      if (room && room.server === this.serverFor(channelId)) {
        const minted = mint(room.id);
        try {
          await this.control(room.server).request({
            request: 'allowed',
            room: room.id,
            secret: room.secret,
            action: 'add',
            allowed: [minted.join_token],
          });
          return { roomId: room.id, minted };
        } catch (err) {
          if (!(err instanceof JanusError && err.code === VideoRoomErrors.NO_SUCH_ROOM)) throw err;
        }
      }
      return this.create(channelId, shape, mint);
    });
  }

  /**
   * Creates the room as `<channel id>`, or, when Janus holds a room of that id whose secret was
   * lost (the cache was emptied while Janus ran on), as `<channel id>-<random>`: the old one is
   * left to Janus. Both hash to the channel's server (rendezvous on the channel id).
   */
  private async create<T extends { join_token: string }>(
    channelId: string,
    shape: RoomShape,
    mint: (roomId: string) => T,
  ): Promise<{ roomId: string; minted: T }> {
    const server = this.serverFor(channelId);
    for (let attempt = 0; ; attempt++) {
      const id = attempt === 0 ? channelId : `${channelId}-${randomBytes(4).toString('hex')}`;
      const room: RoomRecord = { server, id, secret: randomBytes(24).toString('base64url') };
      const minted = mint(id);
      try {
        await this.control(server).request({
          request: 'create',
          room: id,
          description: `channel ${channelId}`,
          secret: room.secret,
          is_private: true,
          permanent: false,
          signed_tokens: true,
          allowed: [minted.join_token],
          publishers: shape.publishers,
          bitrate: shape.bitrate,
          audiolevel_event: true,
          audio_active_packets: 25,
          audio_level_average: 40,
        });
      } catch (err) {
        if (attempt < 2 && err instanceof JanusError && err.code === VideoRoomErrors.ROOM_EXISTS) continue;
        throw err;
      }
      await this.store.setRoom(channelId, room);
      return { roomId: id, minted };
    }
  }

  /** Takes an admission back and removes its participant from the room (if there). */
  async revoke(channelId: string, token: string, participantId: string): Promise<void> {
    await this.revokeToken(channelId, token);
    await this.kick(channelId, participantId);
  }

  /** Takes a join token off the room's allowed list (a participant already in stays). */
  async revokeToken(channelId: string, token: string): Promise<void> {
    const room = await this.store.room(channelId);
    if (!room || !token) return;
    await ignoreGone(
      this.control(room.server).request({
        request: 'allowed',
        room: room.id,
        secret: room.secret,
        action: 'remove',
        allowed: [token],
      }),
    );
  }

  /** Kicks a participant (no error when it is not there). */
  async kick(channelId: string, participantId: string): Promise<void> {
    const room = await this.store.room(channelId);
    if (!room) return;
    await ignoreGone(
      this.control(room.server).request({
        request: 'kick',
        room: room.id,
        secret: room.secret,
        id: participantId,
      }),
    );
  }

  /** Destroys the channel's room. */
  async destroy(channelId: string): Promise<void> {
    const room = await this.store.room(channelId);
    if (!room) return;
    await this.store.dropRoom(channelId);
    await ignoreGone(
      this.control(room.server).request({ request: 'destroy', room: room.id, secret: room.secret }),
    );
  }

  /** Participant ids in the room (empty when there is no room). */
  async participants(channelId: string): Promise<{ id: string; publisher: boolean }[]> {
    const room = await this.store.room(channelId);
    if (!room) return [];
    try {
      const data = await this.control(room.server).request({ request: 'listparticipants', room: room.id });
      return ((data.participants as { id: string | number; publisher?: boolean }[] | undefined) ?? []).map(
        (p) => ({ id: String(p.id), publisher: p.publisher === true }),
      );
    } catch (err) {
      if (err instanceof JanusError && err.code === VideoRoomErrors.NO_SUCH_ROOM) return [];
      throw err;
    }
  }

  /**
   * Server mute at Janus: `moderate` each audio stream the participant publishes. Janus needs
   * the stream's mid: once the publisher is live a short subscriber handle asks for its feed and
   * reads the mids of its audio streams; before that (no media flows yet) the audio mid clients
   * publish first, "0", is moderated, and the sweep repeats it once the feed is live. Returns how
   * many streams were (un)muted.
   */
  async moderateAudio(channelId: string, participantId: string, mute: boolean): Promise<number> {
    const room = await this.store.room(channelId);
    if (!room) return 0;
    const c = this.control(room.server);
    let mids: string[];
    try {
      const data = await c.requestOnNewHandle({
        request: 'join',
        ptype: 'subscriber',
        room: room.id,
        token: roomToken(this.tokenSecret, room.id, Math.floor(Date.now() / 1000) + 60),
        streams: [{ feed: participantId }],
      });
      const streams = (data.streams as { type?: string; feed_mid?: string }[] | undefined) ?? [];
      mids = streams.filter((s) => s.type === 'audio' && s.feed_mid).map((s) => s.feed_mid!);
    } catch (err) {
      if (!(err instanceof JanusError && isGone(err.code))) throw err;
      mids = ['0'];
    }
    let n = 0;
    for (const mid of mids) {
      try {
        await c.request({
          request: 'moderate',
          room: room.id,
          secret: room.secret,
          id: participantId,
          mid,
          mute,
        });
        n++;
      } catch (err) {
        if (!(err instanceof JanusError && isGone(err.code))) throw err;
      }
    }
    return n;
  }

  close(): void {
    for (const c of this.controls.values()) c.close();
    this.controls.clear();
  }

  /** Runs a Janus exchange, answering 503 voice_unavailable when Janus fails. */
  private async janus<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw voiceUnavailable('The media server does not answer; retry shortly');
    }
  }
}

function isGone(code: number): boolean {
  return code === VideoRoomErrors.NO_SUCH_ROOM || code === VideoRoomErrors.NO_SUCH_FEED;
}

async function ignoreGone(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof JanusError && isGone(err.code)) return;
    throw err;
  }
}
