/**
 * Writes a Janus configuration for a process we run ourselves: only the VideoRoom plugin (string
 * ids), the WebSocket transport on one address, the admin API on loopback behind a generated
 * secret, signed tokens on, and a bounded RTP port range. Everything else Janus ships is disabled.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface JanusConfigOptions {
  /** address the WebSocket API binds to (127.0.0.1 by default: only the Edge and Official reach it) */
  host: string;
  wsPort: number;
  /** admin API (HTTP) port on 127.0.0.1 */
  adminPort: number;
  /** UDP ports for media, inclusive */
  rtpPorts: readonly [number, number];
  tokenSecret: string;
  adminSecret: string;
  /**
   * interfaces/addresses (prefixes) ICE may use, e.g. `eth0` or `10.0.0.`; Janus 1.1 never
   * gathers on a loopback interface, so `lo` here matches nothing and libnice then gathers on
   * every address (see netns.ts for how the tests keep media on loopback)
   */
  iceEnforceList?: string;
  /** interfaces/addresses (prefixes) ICE must not use; Janus ignores it when an enforce list is set */
  iceIgnoreList?: string;
  /** public address announced instead of the host's (behind 1:1 NAT) */
  natMapping?: string;
  /** STUN server `host:port` Janus uses to learn its public address */
  stunServer?: string;
  /** Janus' own log verbosity, 0–7 */
  debugLevel?: number;
  /** the name `info` answers with (the launcher checks it to know it reached its own Janus) */
  serverName?: string;
}

const OTHER_PLUGINS = [
  'audiobridge',
  'duktape',
  'echotest',
  'lua',
  'nosip',
  'recordplay',
  'sip',
  'streaming',
  'textroom',
  'videocall',
  'voicemail',
].map((p) => `libjanus_${p}.so`);
const OTHER_TRANSPORTS = ['mqtt', 'nanomsg', 'pfunix', 'rabbitmq'].map((t) => `libjanus_${t}.so`);

/** A quoted libconfig string; quotes, backslashes and control characters are refused, not escaped. */
function q(value: string): string {
  if (/["\\\x00-\x1f]/.test(value))
    throw new Error('a Janus config value may not hold quotes, backslashes or control characters');
  return `"${value}"`;
}

/** Writes janus.jcfg and the plugin/transport files into `dir`; returns the main file's path. */
export function writeJanusConfig(dir: string, o: JanusConfigOptions): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const nat = [
    '  nice_debug = false',
    '  ignore_mdns = true',
    // both belong in `nat` in Janus 1.1 (conf/janus.jcfg.sample.in)
    o.iceEnforceList ? `  ice_enforce_list = ${q(o.iceEnforceList)}` : '',
    o.iceIgnoreList && !o.iceEnforceList ? `  ice_ignore_list = ${q(o.iceIgnoreList)}` : '',
    o.natMapping ? `  nat_1_1_mapping = ${q(o.natMapping)}` : '',
    ...(o.stunServer
      ? [
          `  stun_server = ${q(o.stunServer.split(':')[0] ?? '')}`,
          `  stun_port = ${Number(o.stunServer.split(':')[1] ?? 3478)}`,
        ]
      : []),
  ].filter(Boolean);
  const files: Record<string, string> = {
    'janus.jcfg': [
      'general: {',
      `  configs_folder = ${q(dir)}`,
      `  debug_level = ${o.debugLevel ?? 3}`,
      '  debug_colors = false',
      '  token_auth = true',
      `  token_auth_secret = ${q(o.tokenSecret)}`,
      `  admin_secret = ${q(o.adminSecret)}`,
      `  server_name = ${q(o.serverName ?? 'twopointo-voice')}`,
      '  session_timeout = 60',
      '}',
      'media: {',
      '  ipv6 = false',
      `  rtp_port_range = ${q(`${o.rtpPorts[0]}-${o.rtpPorts[1]}`)}`,
      '}',
      'nat: {',
      ...nat,
      '}',
      `plugins: { disable = ${q(OTHER_PLUGINS.join(','))} }`,
      `transports: { disable = ${q(OTHER_TRANSPORTS.join(','))} }`,
      'loggers: { disable = "libjanus_jsonlog.so" }',
      'events: { broadcast = false }',
      '',
    ].join('\n'),
    'janus.plugin.videoroom.jcfg': 'general: {\n  string_ids = true\n}\n',
    'janus.transport.websockets.jcfg': [
      'general: {',
      '  json = "plain"',
      '  ws = true',
      `  ws_port = ${o.wsPort}`,
      `  ws_ip = ${q(o.host)}`,
      '  wss = false',
      '}',
      'admin: { admin_ws = false }',
      '',
    ].join('\n'),
    'janus.transport.http.jcfg': [
      'general: {',
      '  json = "plain"',
      '  http = false',
      '  https = false',
      '}',
      'admin: {',
      '  admin_base_path = "/admin"',
      '  admin_http = true',
      `  admin_port = ${o.adminPort}`,
      '  admin_ip = "127.0.0.1"',
      '  admin_https = false',
      '}',
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text, { mode: 0o600 });
  }
  return join(dir, 'janus.jcfg');
}
