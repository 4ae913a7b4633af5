/**
 * `/voice`: the browser's Janus signalling, proxied so the Edge stays the one entry point. The
 * client comes with the join token Official minted (`/voice?token=…`); a token that is not
 * validly signed, is expired, or names no room is refused before anything reaches Janus. The
 * token's room picks the Janus server by the same rendezvous hashing Official uses, so one Edge
 * entry point serves any number of Janus servers. Frames pass through untouched both ways
 * (subprotocol `janus-protocol`); either side closing closes the other (Janus then ends the
 * session, and its participant leaves the room). Floods close with 4008, as on /ws.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { JANUS_SUBPROTOCOL, pickServer, roomHashKey, roomOfToken } from '@twopointo/janus';
import { CloseCodes, type ErrorCode } from '@twopointo/shared';

/** Largest frame a browser may send (an SDP offer with many candidates is well below it). */
const MAX_FRAME = 256 * 1024;
/** Janus frames queued to a slow browser before it is dropped. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/**
 * Browser frames per minute before close 4008: a call sends a few dozen (offer, trickle
 * candidates, a keepalive every 25 s, one subscription per publisher); this only stops floods.
 */
const MAX_FRAMES_PER_MIN = 600;

export interface VoiceProxyOptions {
  urls: readonly string[];
  tokenSecret: string | undefined;
}

export type Reject = (socket: Duplex, status: number, code: ErrorCode, message: string) => void;

export class VoiceProxy {
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: MAX_FRAME,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has(JANUS_SUBPROTOCOL) ? JANUS_SUBPROTOCOL : false),
  });
  private readonly open = new Set<WebSocket>();
  private closing = false;

  constructor(
    private readonly o: VoiceProxyOptions,
    private readonly reject: Reject,
  ) {}

  static isVoicePath(pathname: string): boolean {
    return pathname === '/voice' || pathname === '/voice/';
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    const { urls, tokenSecret } = this.o;
    if (this.closing) return this.reject(socket, 503, 'unavailable', 'Server is restarting');
    if (urls.length === 0 || !tokenSecret)
      return this.reject(socket, 503, 'voice_unavailable', 'Voice is not set up on this server');
    const token = url.searchParams.get('token');
    const room = token ? roomOfToken(tokenSecret, token) : null;
    if (!room) return this.reject(socket, 401, 'invalid_token', 'Missing, invalid or expired voice token');
    const target = pickServer(urls, roomHashKey(room))!;
    const upstream = new WebSocket(target, JANUS_SUBPROTOCOL, {
      perMessageDeflate: false,
      maxPayload: 16 * 1024 * 1024,
    });
    const failed = () => this.reject(socket, 503, 'voice_unavailable', 'The media server does not answer');
    upstream.once('error', failed);
    upstream.once('open', () => {
      upstream.removeListener('error', failed);
      if (this.closing || socket.destroyed) {
        upstream.close();
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (client) => this.pipe(client, upstream));
    });
    socket.once('close', () => {
      if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
    });
  }

  private pipe(client: WebSocket, upstream: WebSocket): void {
    this.open.add(client);
    this.open.add(upstream);
    const end = () => {
      this.open.delete(client);
      this.open.delete(upstream);
      if (client.readyState === WebSocket.OPEN) client.close(1000);
      if (upstream.readyState === WebSocket.OPEN) upstream.close(1000);
    };
    client.on('error', () => client.terminate());
    upstream.on('error', () => upstream.terminate());
    client.on('close', end);
    upstream.on('close', end);
    let windowStart = Date.now();
    let frames = 0;
    client.on('message', (data, isBinary) => {
      const now = Date.now();
      if (now - windowStart >= 60_000) {
        windowStart = now;
        frames = 0;
      }
      if (++frames > MAX_FRAMES_PER_MIN) return client.close(CloseCodes.FLOOD, 'Too many frames');
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
    });
    upstream.on('message', (data, isBinary) => {
      if (client.bufferedAmount > MAX_BUFFERED) return client.terminate();
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
  }

  /** Ends every proxied call (the Edge is shutting down). */
  close(): void {
    this.closing = true;
    for (const ws of this.open) ws.terminate();
    this.open.clear();
    this.wss.close();
  }

  get connections(): number {
    return this.open.size / 2;
  }
}
