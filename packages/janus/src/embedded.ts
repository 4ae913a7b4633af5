/**
 * The embedded default (`make dev`): when no JANUS_URLS is configured and a Janus binary is
 * installed, run one as a child process with a config generated into `DATA_DIR/janus/`, secrets
 * generated per start. Without a binary, voice stays "not set up" and nothing else changes.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, env } from '@twopointo/server-kit';
import { isExecutable, startJanus, type RunningJanus } from './launcher.ts';

type Env = Record<string, string | undefined>;

const portRange =
  (def: string) =>
  (e: Env, n: string): [number, number] => {
    const v = e[n]?.trim() || def;
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(v);
    const lo = Number(m?.[1]);
    const hi = Number(m?.[2]);
    if (!m || lo < 1024 || hi > 65535 || hi < lo)
      throw new ConfigError(n, `must be a UDP port range like 20000-20199 within 1024-65535, got "${v}"`);
    return [lo, hi];
  };

/**
 * An ICE enforce list naming only loopback is refused: Janus 1.1 skips loopback interfaces
 * before it reads the list, so such a list matches nothing and libnice falls back to every
 * address of the host, the opposite of what was asked.
 */
export const iceList = (e: Env, n: string): string | undefined => {
  const v = env.optional()(e, n);
  if (v === undefined) return v;
  const entries = v.split(',').map((x) => x.trim());
  if (entries.some((x) => !x))
    throw new ConfigError(n, `must be comma-separated interfaces or address prefixes, got "${v}"`);
  if (entries.every((x) => x === 'lo' || x.startsWith('lo:') || x.startsWith('127.') || x === '::1'))
    throw new ConfigError(
      n,
      'names only loopback, which Janus never gathers on: it would then use every address of the host; ' +
        'leave it unset (with JANUS_HOST on loopback only this machine signals) or name a real interface',
    );
  return v;
};

/** The settings of the embedded Janus (read by services/all). */
export const embeddedJanusConfig = {
  /** the Janus binary to run when JANUS_URLS is unset */
  JANUS_BINARY: env.string('/usr/bin/janus'),
  /** auto: run the embedded Janus when the binary exists and JANUS_URLS is unset; off: never */
  JANUS_EMBEDDED: env.oneOf(['auto', 'off'] as const, 'auto'),
  /** address its WebSocket API binds to (only the Edge and Official talk to it) */
  JANUS_HOST: env.string('127.0.0.1'),
  /** 0: a free port */
  JANUS_WS_PORT: env.port(8188),
  /** admin API (loopback only); 0: a free port */
  JANUS_ADMIN_PORT: env.port(7088),
  /** UDP ports for media: open them in the firewall when users are not on this machine */
  JANUS_RTP_PORTS: portRange('20000-20199'),
  /** interfaces/addresses ICE may use, e.g. `eth0` (never loopback: Janus skips it) */
  JANUS_ICE_ENFORCE_LIST: iceList,
  /** interfaces/addresses ICE must not use, e.g. `docker,veth` (unused with an enforce list) */
  JANUS_ICE_IGNORE_LIST: env.optional(),
  /** public IP announced to browsers when the host sits behind 1:1 NAT */
  JANUS_NAT_1_1_MAPPING: env.optional(),
  /** STUN server `host:port` Janus asks for its public address */
  JANUS_STUN_SERVER: env.optional(),
};

export interface EmbeddedJanusSettings {
  JANUS_BINARY: string;
  JANUS_EMBEDDED: 'auto' | 'off';
  JANUS_HOST: string;
  JANUS_WS_PORT: number;
  JANUS_ADMIN_PORT: number;
  JANUS_RTP_PORTS: [number, number];
  JANUS_ICE_ENFORCE_LIST?: string;
  JANUS_ICE_IGNORE_LIST?: string;
  JANUS_NAT_1_1_MAPPING?: string;
  JANUS_STUN_SERVER?: string;
}

export interface EmbeddedJanus extends RunningJanus {
  tokenSecret: string;
}

/**
 * Starts the embedded Janus when it should run (returns null when JANUS_EMBEDDED=off or the
 * binary is missing); the caller passes `url` and `tokenSecret` on as JANUS_URLS/JANUS_TOKEN_SECRET.
 */
export async function startEmbeddedJanus(
  s: EmbeddedJanusSettings,
  dataDir: string,
): Promise<EmbeddedJanus | null> {
  if (s.JANUS_EMBEDDED === 'off' || !isExecutable(s.JANUS_BINARY)) return null;
  const tokenSecret = randomBytes(24).toString('base64url');
  const janus = await startJanus({
    binary: s.JANUS_BINARY,
    dir: join(dataDir, 'janus'),
    host: s.JANUS_HOST,
    wsPort: s.JANUS_WS_PORT,
    adminPort: s.JANUS_ADMIN_PORT,
    rtpPorts: s.JANUS_RTP_PORTS,
    tokenSecret,
    adminSecret: randomBytes(24).toString('base64url'),
    iceEnforceList: s.JANUS_ICE_ENFORCE_LIST,
    iceIgnoreList: s.JANUS_ICE_IGNORE_LIST,
    natMapping: s.JANUS_NAT_1_1_MAPPING,
    stunServer: s.JANUS_STUN_SERVER,
  });
  return { ...janus, tokenSecret };
}
