/**
 * Test-only: a Janus VideoRoom participant from Node (no WebRTC): it opens a session with the
 * answer of POST /api/channels/:cid/voice, joins as a publisher, and can "publish" audio with a
 * hand-made SDP offer, enough for Janus to create the publisher's stream (ICE never completes).
 */
import { randomBytes } from 'node:crypto';
import { JanusConnection, JanusError, type JanusMessage } from './janus-connection.ts';
import { VIDEOROOM_PLUGIN } from './tokens.ts';

export interface VoiceCredentials {
  token: string;
  join_token: string;
  room: string;
  participant_id: string;
}

export class JanusTestPeer {
  readonly events: JanusMessage[] = [];
  private waiters: { match: (m: JanusMessage) => boolean; resolve: (m: JanusMessage) => void }[] = [];

  private constructor(
    readonly conn: JanusConnection,
    readonly session: number,
    readonly handle: number,
    private readonly creds: VoiceCredentials,
  ) {
    conn.onEvent = (m) => {
      this.events.push(m);
      this.waiters = this.waiters.filter((w) => (w.match(m) ? (w.resolve(m), false) : true));
    };
  }

  /** Opens `wsUrl` (e.g. the Edge's /voice URL), creates a session and attaches to the VideoRoom. */
  static async connect(wsUrl: string, creds: VoiceCredentials): Promise<JanusTestPeer> {
    const conn = await JanusConnection.open(wsUrl);
    try {
      const s = (await conn.request({ janus: 'create', token: creds.token })).data as { id: number };
      const h = (
        await conn.request({
          janus: 'attach',
          session_id: s.id,
          plugin: VIDEOROOM_PLUGIN,
          token: creds.token,
        })
      ).data as { id: number };
      return new JanusTestPeer(conn, s.id, h.id, creds);
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  /** A VideoRoom request on this peer's handle; plugin errors become JanusError. */
  async message(body: Record<string, unknown>, jsep?: Record<string, unknown>): Promise<JanusMessage> {
    const reply = await this.conn.request({
      janus: 'message',
      session_id: this.session,
      handle_id: this.handle,
      token: this.creds.token,
      body,
      ...(jsep ? { jsep } : {}),
    });
    const data = (reply.plugindata as { data?: Record<string, unknown> } | undefined)?.data ?? {};
    if (typeof data.error_code === 'number') throw new JanusError(data.error_code, String(data.error));
    return reply;
  }

  /** Joins the room as a publisher with the admitted id (or `id`) and join token (or `token`). */
  join(opts: { id?: string; token?: string } = {}): Promise<JanusMessage> {
    return this.message({
      request: 'join',
      ptype: 'publisher',
      room: this.creds.room,
      id: opts.id ?? this.creds.participant_id,
      token: opts.token ?? this.creds.join_token,
    });
  }

  /** Publishes one Opus audio stream (mid "0") from a made-up offer; resolves with Janus' answer. */
  publishAudio(): Promise<JanusMessage> {
    return this.message({ request: 'publish' }, { type: 'offer', sdp: fakeAudioOffer() });
  }

  /** The next event (already received or to come) that `match` accepts. */
  waitFor(match: (m: JanusMessage) => boolean, timeoutMs = 5000): Promise<JanusMessage> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('janus event did not come')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  close(): void {
    this.conn.close();
  }
}

function fakeAudioOffer(): string {
  const fp = Array.from(randomBytes(32), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS *',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${randomBytes(3).toString('hex')}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${fp}`,
    'a=setup:actpass',
    'a=mid:0',
    'a=sendonly',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=ssrc:1111 cname:test',
    'a=msid:test audio',
    '',
  ].join('\r\n');
}
