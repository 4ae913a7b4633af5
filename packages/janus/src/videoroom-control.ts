/**
 * A server-side VideoRoom handle on one Janus: one connection, one session kept alive, one handle
 * for synchronous room requests (create, destroy, allowed, kick, moderate, listparticipants).
 * It reconnects on the next request after the socket drops. Tokens are minted from the shared
 * secret for each request, so they never outlive a minute.
 */
import { coreToken, VIDEOROOM_PLUGIN } from './tokens.ts';
import { JanusConnection, JanusError, type JanusMessage } from './janus-connection.ts';

const KEEPALIVE_MS = 25_000;

interface Attached {
  conn: JanusConnection;
  session: number;
  handle: number;
  keepalive: NodeJS.Timeout;
}

export type PluginData = Record<string, unknown>;

export class VideoRoomControl {
  private attached: Promise<Attached> | null = null;

  constructor(
    readonly url: string,
    private readonly tokenSecret: string,
  ) {}

  private token(): string {
    return coreToken(this.tokenSecret, Math.floor(Date.now() / 1000) + 60);
  }

  /** A synchronous VideoRoom request; plugin errors (`error_code`) become JanusError. */
  async request(body: Record<string, unknown>): Promise<PluginData> {
    const a = await this.attach();
    const reply = await a.conn.request({
      janus: 'message',
      session_id: a.session,
      handle_id: a.handle,
      token: this.token(),
      body,
    });
    return pluginData(reply);
  }

  /**
   * An asynchronous request on a handle of its own (e.g. a subscriber `join`, answered by an
   * event); the handle is detached afterwards.
   */
  async requestOnNewHandle(body: Record<string, unknown>): Promise<PluginData> {
    const a = await this.attach();
    const handle = await this.newHandle(a.conn, a.session);
    try {
      const reply = await a.conn.request({
        janus: 'message',
        session_id: a.session,
        handle_id: handle,
        token: this.token(),
        body,
      });
      return pluginData(reply);
    } finally {
      await a.conn
        .request({ janus: 'detach', session_id: a.session, handle_id: handle, token: this.token() })
        .catch(() => undefined);
    }
  }

  close(): void {
    const a = this.attached;
    this.attached = null;
    void a?.then(
      (x) => {
        clearInterval(x.keepalive);
        x.conn.close();
      },
      () => undefined,
    );
  }

  private attach(): Promise<Attached> {
    if (!this.attached) {
      const p = this.connect();
      this.attached = p;
      p.catch(() => {
        if (this.attached === p) this.attached = null;
      });
    }
    return this.attached;
  }

  private async connect(): Promise<Attached> {
    const conn = await JanusConnection.open(this.url);
    try {
      const created = await conn.request({ janus: 'create', token: this.token() });
      const session = (created.data as { id: number }).id;
      const handle = await this.newHandle(conn, session);
      const keepalive = setInterval(() => {
        conn.request({ janus: 'keepalive', session_id: session, token: this.token() }).catch(() => undefined);
      }, KEEPALIVE_MS);
      keepalive.unref();
      const attached: Attached = { conn, session, handle, keepalive };
      conn.onClose = () => {
        clearInterval(keepalive);
        this.attached = null;
      };
      return attached;
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  private async newHandle(conn: JanusConnection, session: number): Promise<number> {
    const reply = await conn.request({
      janus: 'attach',
      session_id: session,
      plugin: VIDEOROOM_PLUGIN,
      token: this.token(),
    });
    return (reply.data as { id: number }).id;
  }
}

function pluginData(reply: JanusMessage): PluginData {
  const data = (reply.plugindata as { data?: PluginData } | undefined)?.data ?? {};
  if (typeof data.error_code === 'number') throw new JanusError(data.error_code, String(data.error ?? ''));
  return data;
}

/** VideoRoom error codes we react to. */
export const VideoRoomErrors = {
  NO_SUCH_ROOM: 426,
  ROOM_EXISTS: 427,
  NO_SUCH_FEED: 428,
} as const;
