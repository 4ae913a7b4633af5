/** A tiny client for tests and benchmarks: the seed's flow through the Edge, and JSON helpers. */
import WebSocket from 'ws';
import type { ServerFrame, TokenPair } from '@twopointo/shared';
import { totp } from './totp.ts';

export interface Session {
  userId: string;
  username: string;
  access: string;
  refresh: string;
  totpSecret: string;
}

export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

let counter = 0;
/** Registers a fresh user through the Edge and walks login → 2FA setup → verify. */
export async function signUp(edge: string, name?: string): Promise<Session> {
  const username =
    name ?? `u${Date.now().toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const password = 'S3cretPass!';
  const email = `${username}@example.com`;
  const reg = await api<{ id: string }>(edge, 'POST', '/id/auth/register', {
    body: { email, username, password },
  });
  if (reg.status !== 201) throw new Error(`register ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await api<{ partial_token: string }>(edge, 'POST', '/id/auth/login', {
    body: { email, password },
  });
  const partial = login.body.partial_token;
  const setup = await api<{ totp_secret: string }>(edge, 'POST', '/id/auth/2fa/setup', { token: partial });
  const secret = setup.body.totp_secret;
  const verify = await api<TokenPair>(edge, 'POST', '/id/auth/2fa/verify', {
    token: partial,
    body: { code: totp(secret) },
  });
  if (verify.status !== 200) throw new Error(`verify ${verify.status} ${JSON.stringify(verify.body)}`);
  return {
    userId: reg.body.id,
    username,
    access: verify.body.access_token,
    refresh: verify.body.refresh_token,
    totpSecret: secret,
  };
}

/** A gateway socket that records frames and can wait for one matching a predicate. */
export class GatewayClient {
  readonly frames: ServerFrame[] = [];
  private waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as ServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  static async connect(edge: string, token: string): Promise<GatewayClient> {
    const ws = new WebSocket(`${edge.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    const client = new GatewayClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (already received or future) matching pred. */
  waitFor<F = ServerFrame>(pred: (f: ServerFrame) => boolean, timeoutMs = 5000): Promise<F> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen as F);
    return new Promise<F>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`timed out waiting for a frame; got ${JSON.stringify(this.frames.slice(-5))}`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as F);
        },
      });
    });
  }

  /** Waits for the next frame of an op/event type received after the call. */
  next<F = ServerFrame>(match: { op: string; t?: string }, timeoutMs = 5000): Promise<F> {
    const from = this.frames.length;
    return this.waitFor<F>(
      (f) =>
        this.frames.indexOf(f) >= from &&
        f.op === match.op &&
        (match.t === undefined || ('t' in f && f.t === match.t)),
      timeoutMs,
    );
  }

  events(t?: string): Extract<ServerFrame, { op: 'EVENT' }>[] {
    return this.frames.filter(
      (f): f is Extract<ServerFrame, { op: 'EVENT' }> => f.op === 'EVENT' && (t === undefined || f.t === t),
    );
  }

  close(): void {
    this.ws.close();
  }
}

export interface SubscribedChannel {
  session: Session;
  sid: string;
  cid: string;
  /** a gateway socket subscribed to the channel (SUBSCRIBED received) */
  client: GatewayClient;
}

/** A fresh user with a server, a channel and a gateway socket subscribed to it. */
/** A server with one channel, owned by `owner`; each of `members` joins through an invite. */
export async function serverWithChannel(
  edge: string,
  owner: Session,
  members: Session[] = [],
): Promise<{ sid: string; cid: string }> {
  const ok = async <T>(p: Promise<{ status: number; body: T }>, status: number): Promise<T> => {
    const r = await p;
    if (r.status !== status) throw new Error(`set-up failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const token = owner.access;
  const sid = (
    await ok(api<{ id: string }>(edge, 'POST', '/api/servers', { token, body: { name: 's' } }), 201)
  ).id;
  const cid = (
    await ok(
      api<{ id: string }>(edge, 'POST', `/api/servers/${sid}/channels`, { token, body: { name: 'c' } }),
      201,
    )
  ).id;
  for (const member of members) {
    const { code } = await ok(
      api<{ code: string }>(edge, 'POST', `/api/servers/${sid}/invites`, { token, body: {} }),
      201,
    );
    await ok(api(edge, 'POST', `/api/invites/${code}/accept`, { token: member.access }), 200);
  }
  return { sid, cid };
}

export async function subscribedChannel(edge: string): Promise<SubscribedChannel> {
  const session = await signUp(edge);
  const { sid, cid } = await serverWithChannel(edge, session);
  const client = await GatewayClient.connect(edge, session.access);
  client.send({ op: 'SUBSCRIBE', d: { server_id: sid, channel_ids: [cid] } });
  await client.waitFor((f) => f.op === 'SUBSCRIBED');
  return { session, sid, cid, client };
}
