/**
 * What a scenario measures against: the ceiling (bare ws/http child) or the real system
 * (startAll in a child), both behind one interface so every scenario runs on either.
 */
import { existsSync, readFileSync } from 'node:fs';
import { api, signUp, type Session } from '../../../test/helpers/client.ts';
import { benchContent, benchUsername } from './frames.ts';
import { nowUs } from './histogram.ts';
import { prepareBackend, type BackendName, type PreparedBackend } from './backend.ts';
import { REPO_ROOT, startChild, stopChild, type Child } from './proc.ts';

export interface Target {
  kind: 'ceiling' | 'system';
  child: Child;
  /** HTTP base (the Edge for the system) */
  base: string;
  wsUrl: string;
  tokens: string[];
  /** the token REST calls use */
  token: string;
  serverId: string;
  channelId: string;
  subscribe: { server_id: string; channel_ids: string[] };
  /** Emits message seq to every subscriber (ceiling: broadcast; system: POST through the Edge). */
  send(seq: number): Promise<boolean>;
  /** full GC in the server child; its memoryUsage() after */
  gc(): Promise<NodeJS.MemoryUsage>;
  /** system only, bench use: runs statements on one connection of the system's database */
  sql?(statements: string[], timeoutMs?: number): Promise<{ rows: unknown[]; ms: number[] }>;
  /**
   * system only: from now on records the statements (text, parameters) whose text contains
   * `marker` as the driver receives them; returns those recorded since the last call
   */
  capture?(marker: string): Promise<{ sql: string; params: unknown[] }[]>;
  close(): Promise<void>;
}

let requestId = 0;
/** Sends one request message to a child and waits for its answer with the same id. */
async function ask<T>(
  child: Child,
  m: Record<string, unknown>,
  answer: string,
  timeoutMs: number,
): Promise<T> {
  const id = ++requestId;
  child.send({ ...m, type: m.type as string, id });
  return child.next<T>((r) => r.type === answer && r.id === id, timeoutMs, answer);
}

const ALL_INDEX = `${REPO_ROOT}services/all/src/index.ts`;

/** true once services/all exports startAll (the harness polls this; nobody announces it). */
export function servicesPresent(): boolean {
  if (!existsSync(ALL_INDEX)) return false;
  return /export\s+(async\s+)?function\s+startAll\b|export\s+(const|let)\s+startAll\b|export\s*\{[^}]*\bstartAll\b/.test(
    readFileSync(ALL_INDEX, 'utf8'),
  );
}

export class ServicesMissing extends Error {
  constructor() {
    super('services/all/src/index.ts does not export startAll yet: the system scenarios cannot run');
    this.name = 'ServicesMissing';
  }
}

/** Collects garbage in the child and returns its memory as Node sees it. */
async function gcChild(child: Child): Promise<NodeJS.MemoryUsage> {
  child.send({ type: 'gc' });
  return (await child.next<{ memory: NodeJS.MemoryUsage }>((m) => m.type === 'gc-done', 30_000, 'gc')).memory;
}

export async function startCeiling(): Promise<Target> {
  const child = startChild('ceiling-server', { nodeArgs: ['--expose-gc'] });
  const ready = await child.next<{ url: string; ids: { serverId: string; channelId: string } }>(
    (m) => m.type === 'ready',
    30_000,
    'ceiling ready',
  );
  const sub = { server_id: ready.ids.serverId, channel_ids: [ready.ids.channelId] };
  return {
    kind: 'ceiling',
    child,
    base: ready.url,
    wsUrl: `${ready.url.replace(/^http/, 'ws')}/ws`,
    tokens: [],
    token: 'ceiling',
    serverId: ready.ids.serverId,
    channelId: ready.ids.channelId,
    subscribe: sub,
    send: async (seq) => {
      child.send({ type: 'broadcast', seq, us: nowUs() });
      return true;
    },
    gc: () => gcChild(child),
    close: () => stopChild(child),
  };
}

export interface SystemOptions {
  backend: BackendName;
  /** users the sockets are spread over (each may hold many sockets) */
  users: number;
  /** directory for the server child's --cpu-prof output */
  cpuProfDir?: string;
  env?: Record<string, string>;
}

export async function startSystem(opts: SystemOptions): Promise<Target & { backend: PreparedBackend }> {
  if (!servicesPresent()) throw new ServicesMissing();
  const backend = await prepareBackend(opts.backend);
  const env = { ...backend.env, ...opts.env };
  const nodeArgs = [
    '--expose-gc',
    ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []),
  ];
  const child = startChild('sut-server', {
    env,
    nodeArgs,
    args: [JSON.stringify({ dataDir: backend.dataDir, env })],
  });
  let ready: { edgeUrl: string };
  try {
    ready = await child.next<{ edgeUrl: string }>((m) => m.type === 'ready', 90_000, 'startAll');
  } catch (err) {
    child.proc.kill('SIGKILL');
    await backend.cleanup();
    throw err;
  }
  const edge = ready.edgeUrl.replace(/\/+$/, '');
  const close = async () => {
    await stopChild(child, 15_000);
    await backend.cleanup();
  };
  try {
    const sessions: Session[] = [];
    for (let i = 0; i < Math.max(1, opts.users); i++) sessions.push(await signUp(edge, benchUsername()));
    const owner = sessions[0]!;
    const server = await api<{ id: string }>(edge, 'POST', '/api/servers', {
      token: owner.access,
      body: { name: 'bench' },
    });
    if (server.status !== 201)
      throw new Error(`create server: ${server.status} ${JSON.stringify(server.body)}`);
    const channel = await api<{ id: string }>(edge, 'POST', `/api/servers/${server.body.id}/channels`, {
      token: owner.access,
      body: { name: 'fanout' },
    });
    if (channel.status !== 201)
      throw new Error(`create channel: ${channel.status} ${JSON.stringify(channel.body)}`);
    if (sessions.length > 1) {
      const invite = await api<{ code: string }>(edge, 'POST', `/api/servers/${server.body.id}/invites`, {
        token: owner.access,
        body: {},
      });
      if (invite.status !== 201)
        throw new Error(`create invite: ${invite.status} ${JSON.stringify(invite.body)}`);
      for (const s of sessions.slice(1)) {
        const acc = await api(edge, 'POST', `/api/invites/${invite.body.code}/accept`, { token: s.access });
        if (acc.status !== 200) throw new Error(`accept invite: ${acc.status} ${JSON.stringify(acc.body)}`);
      }
    }
    const sid = server.body.id;
    const cid = channel.body.id;
    const postUrl = `${edge}/api/channels/${cid}/messages`;
    const headers = { authorization: `Bearer ${owner.access}`, 'content-type': 'application/json' };
    return {
      kind: 'system',
      backend,
      child,
      base: edge,
      wsUrl: `${edge.replace(/^http/, 'ws')}/ws`,
      tokens: sessions.map((s) => s.access),
      token: owner.access,
      serverId: sid,
      channelId: cid,
      subscribe: { server_id: sid, channel_ids: [cid] },
      send: async (seq) => {
        const res = await fetch(postUrl, {
          method: 'POST',
          headers,
          body: JSON.stringify({ content: benchContent(seq, nowUs()) }),
        });
        await res.arrayBuffer();
        return res.status === 201;
      },
      gc: () => gcChild(child),
      sql: async (statements, timeoutMs = 600_000) => {
        const r = await ask<{ rows: unknown[]; ms: number[]; error?: string }>(
          child,
          { type: 'sql', statements },
          'sql-done',
          timeoutMs,
        );
        if (r.error) throw new Error(`sql in the system: ${r.error}`);
        return { rows: r.rows, ms: r.ms };
      },
      capture: async (marker) =>
        (
          await ask<{ queries: { sql: string; params: unknown[] }[] }>(
            child,
            { type: 'capture', marker },
            'captured',
            30_000,
          )
        ).queries,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export function startTarget(kind: 'ceiling' | 'system', opts: SystemOptions): Promise<Target> {
  return kind === 'ceiling' ? startCeiling() : startSystem(opts);
}
