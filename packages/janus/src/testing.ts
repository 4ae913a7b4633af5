/**
 * startTestJanus(): a real Janus on loopback for tests (Official's, the Edge's, the browser
 * journey's), with free ports, a fresh token secret, ICE enforced to 127.0.0.1, and its own temp
 * dir. A test that lets media flow asks for `media: true`, which refuses to start unless Janus
 * would gather on loopback only, i.e. inside the namespace of ./netns.ts (outside it, Janus 1.1
 * skips loopback interfaces and libnice gathers every host address).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isExecutable, startJanus } from './launcher.ts';
import { janusGatherAddresses, janusGathersOnlyLoopback, LOOPBACK_ENFORCE } from './netns.ts';

export const JANUS_TEST_BINARY = process.env.JANUS_BINARY ?? '/usr/bin/janus';

/** True when a Janus binary is installed (tests skip with a reason otherwise). */
export function janusAvailable(): boolean {
  return isExecutable(JANUS_TEST_BINARY);
}

export interface TestJanus {
  /** the WebSocket API URLs (what JANUS_URLS holds) */
  urls: string[];
  tokenSecret: string;
  adminSecret: string;
  adminUrl: string;
  /** the generated config and janus.log */
  dir: string;
  /** the env a twopointo process needs to use it */
  env: { JANUS_URLS: string; JANUS_TOKEN_SECRET: string };
  stop(): Promise<void>;
}

export { freePort };
export {
  janusGatherAddresses,
  janusGathersOnlyLoopback,
  loopbackNamespace,
  namespaceCommand,
  runInNamespace,
  hostAddresses,
  NETNS_ENV,
} from './netns.ts';

export async function startTestJanus(
  opts: { rtpPorts?: [number, number]; media?: boolean; debugLevel?: number } = {},
): Promise<TestJanus> {
  if (opts.media && !janusGathersOnlyLoopback(LOOPBACK_ENFORCE)) {
    const gathered = janusGatherAddresses(LOOPBACK_ENFORCE);
    throw new Error(
      `Janus would gather ICE candidates on ${gathered.length ? gathered.join(', ') : 'every host address'}, ` +
        'not on loopback only: run media tests inside loopbackNamespace() (Janus 1.1 skips loopback interfaces)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'twopointo-janus-'));
  const tokenSecret = randomBytes(24).toString('base64url');
  const adminSecret = randomBytes(24).toString('base64url');
  const base = 40_000 + Math.floor(Math.random() * 200) * 100;
  const janus = await startJanus({
    binary: JANUS_TEST_BINARY,
    dir,
    host: '127.0.0.1',
    wsPort: 0,
    adminPort: 0,
    rtpPorts: opts.rtpPorts ?? [base, base + 99],
    tokenSecret,
    adminSecret,
    iceEnforceList: LOOPBACK_ENFORCE,
    debugLevel: opts.debugLevel,
  }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    urls: [janus.url],
    tokenSecret,
    adminSecret,
    adminUrl: janus.adminUrl,
    dir,
    env: { JANUS_URLS: janus.url, JANUS_TOKEN_SECRET: tokenSecret },
    stop: async () => {
      await janus.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export { JanusTestPeer, type VoiceCredentials } from './test-peer.ts';
